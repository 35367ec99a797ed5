import { expect, test, type Page } from "@playwright/test";
import { contrastViolations } from "./contrast";
import { Studio } from "./studio";

const canvas = (page: Page) => page.getByTestId("model-canvas");
const edge = (page: Page, from: string, to: string) =>
  canvas(page).locator(`.react-flow__edge[data-id^="${from}->${to}#"]`);

/** Train, Stop and the status are on screen (the viewport is 1280×800). */
async function expectRunBarInView(page: Page) {
  for (const id of ["train-button", "stop-button", "training-status"])
    await expect(page.getByTestId(id)).toBeInViewport();
}

/**
 * The lowest text contrast among `selector`'s elements, from their computed colours (the
 * background is the nearest painted one above them, over white). axe leaves these undecided: the
 * matrix holds one-digit numbers, too short for it, and legends sit beside svg icons.
 */
async function lowestContrast(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluateAll((elements) => {
    const rgba = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const f = (v: number) => {
        const c = v / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (element: Element): number[] => {
      for (let e: Element | null = element; e; e = e.parentElement) {
        const [r = 255, g = 255, b = 255, a = 1] = rgba(getComputedStyle(e).backgroundColor);
        if (a > 0) return [r, g, b].map((c) => 255 + (c - 255) * a);
      }
      return [255, 255, 255];
    };
    const ratios = elements.map((element) => {
      const text = luminance(rgba(getComputedStyle(element).color));
      const back = luminance(background(element));
      return (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05);
    });
    return Math.min(...ratios);
  });
}

test("the run bar keeps Train, Stop and the status in view at every step; the report is a click away", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await expectRunBarInView(page);
  await studio.dropSample("iris.csv");
  await page.getByTestId("backend-select").selectOption("cpu");
  await page.getByTestId("epochs-input").fill("3");
  for (const step of ["Data", "Model", "Evaluation", "Training"]) {
    await page.getByRole("navigation", { name: "Steps" }).getByRole("link", { name: step }).click();
    await expect(page.getByRole("heading", { level: 2, name: step })).toBeInViewport();
    await expectRunBarInView(page);
  }
  await page.getByTestId("train-button").click();
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "done", {
    timeout: 120_000,
  });
  await expect(page.getByTestId("backend-badge")).toBeInViewport();
  for (const id of ["train-button", "stop-button", "training-status", "backend-badge"])
    await expect(page.getByTestId(id)).toHaveCount(1);
  await expect(page.getByRole("status").filter({ hasText: "The report is ready" })).toHaveCount(1);
  await page.getByRole("button", { name: "See the report" }).click();
  await expect(page.getByTestId("eval-table")).toBeInViewport();
  await expect(page.locator("#evaluation")).toBeFocused();
  // The section's heading sits below the sticky bar, not under it.
  const heading = await page.getByRole("heading", { level: 2, name: "Evaluation" }).boundingBox();
  const bar = await page.getByRole("region", { name: "Run" }).boundingBox();
  expect(heading && bar && heading.y >= bar.y + bar.height).toBe(true);
  await expectRunBarInView(page);

  // The baseline has a column of its own, headed, with the hooks DESIGN.md lists.
  const baselines = page.getByTestId("eval-table").locator('[data-baseline="accuracy"]');
  await expect(baselines.first()).toHaveAttribute("data-source", "majority");
  await expect(baselines.nth(1)).toHaveAttribute("data-source", "linear");
  await expect(
    page
      .getByTestId("eval-table")
      .getByRole("columnheader", { name: /Baseline \(always “setosa”\)/ }),
  ).toBeVisible();

  // The charts speak to screen readers in words and tables, not tick labels.
  const lossChart = page.getByTestId("loss-chart");
  await expect(lossChart.getByText(/After 3 epochs, training loss/)).toHaveCount(1);
  await expect(lossChart.getByRole("table").first()).toContainText("Epoch");

  const matrix = await lowestContrast(page, '[data-testid="confusion-matrix"] td');
  // The innermost element holding each legend's words.
  const legendWords = ".legend-text, .recharts-legend-item-text:not(:has(.legend-text))";
  // Loss chart, accuracy chart, then the ROC and the calibration charts (one entry per class).
  await expect(page.locator(legendWords)).toHaveCount(12);
  const legends = await lowestContrast(page, legendWords);
  console.log(
    `lowest contrast: confusion matrix ${matrix.toFixed(2)}, legends ${legends.toFixed(2)}`,
  );
  expect(matrix).toBeGreaterThanOrEqual(4.5);
  expect(legends).toBeGreaterThanOrEqual(4.5);
  expect(await contrastViolations(page)).toEqual([]);
});

test("new layers go before the output; Delete acts on the focused connection", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  // Before data the canvas says what to do instead of showing a made-up model.
  await expect(canvas(page)).toContainText("No model yet");
  await expect(canvas(page).locator("[data-layer-type]")).toHaveCount(0);
  // Nor a parameter count of that made-up model.
  await expect(page.getByTestId("model-summary")).toContainText("No model yet");
  await expect(page.getByTestId("model-summary")).not.toContainText("parameters");
  await studio.dropSample("iris.csv");
  await expect(canvas(page)).not.toContainText("No model yet");
  await expect(page.getByTestId("model-summary")).toContainText("parameters");

  // A palette press with nothing selected: between the last hidden layer and the output.
  await canvas(page).click({ position: { x: 5, y: 5 } });
  await page.getByTestId("layer-palette").locator('[data-layer-type="Dropout"]').click();
  await expect(edge(page, "dense_2", "dropout_1")).toHaveCount(1);
  await expect(edge(page, "dropout_1", "output")).toHaveCount(1);
  await expect(edge(page, "dense_2", "output")).toHaveCount(0);

  // A drop on empty canvas with nothing selected: also before the output, wired in.
  await canvas(page).click({ position: { x: 5, y: 5 } });
  const batchNorm = page
    .getByTestId("layer-palette")
    .locator('[data-layer-type="BatchNormalization"]');
  await batchNorm.scrollIntoViewIfNeeded();
  await batchNorm.dragTo(canvas(page), { targetPosition: { x: 60, y: 60 } });
  const bn = canvas(page).locator('[data-layer-type="BatchNormalization"]');
  await expect(bn).toHaveAttribute("data-output-shape", "[null,16]");
  await expect(edge(page, "dropout_1", "batch_normalization_1")).toHaveCount(1);
  await expect(edge(page, "batch_normalization_1", "output")).toHaveCount(1);
  await expect(canvas(page).locator('[data-state="error"]')).toHaveCount(0);

  // Delete with a layer selected but a connection in focus removes the connection only.
  await canvas(page).locator('.react-flow__node[data-id="dense_1"]').click();
  await edge(page, "dense_1", "dense_2").focus();
  await page.keyboard.press("Delete");
  await expect(edge(page, "dense_1", "dense_2")).toHaveCount(0);
  await expect(canvas(page).locator('[data-node-id="dense_1"]')).toHaveCount(1);
  await expect(
    canvas(page).locator('[data-layer-type="Dense"][data-node-id="dense_2"]'),
  ).toHaveAttribute("data-error", /not connected/);
});

test("keyboard: a skip link to the canvas, and the palette is one tab stop", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  const palette = page.getByTestId("layer-palette");
  await expect(palette.locator('button[tabindex="0"]')).toHaveCount(1);

  // The proposed model arrives after the data is planned; count once it is on the canvas.
  await expect(canvas(page).locator(".react-flow__node")).toHaveCount(4);
  await expect(page.getByTestId("train-button")).toBeEnabled();
  // Tab stops from the Model section to the first layer on the canvas.
  await page.locator("#model").focus();
  let stops = 0;
  for (; stops < 200; stops++) {
    const onNode = await page.evaluate(
      () => document.activeElement?.closest(".react-flow__edge, .react-flow__node") !== null,
    );
    if (onNode) break;
    await page.keyboard.press("Tab");
  }
  console.log(`tab stops from the Model section to the canvas: ${stops}`);
  expect(stops).toBeLessThanOrEqual(15);

  await page.locator("#model").focus();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Skip to the canvas" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(canvas(page)).toBeFocused();
  await page.keyboard.press("Tab");
  // The next stop is on the canvas: a connection or a layer.
  expect(
    await page.evaluate(
      () => document.activeElement?.closest(".react-flow__edge, .react-flow__node") !== null,
    ),
  ).toBe(true);

  // Inside the palette, arrow keys move and Enter adds.
  await palette.locator('button[tabindex="0"]').focus();
  await page.keyboard.press("ArrowDown");
  await expect(palette.locator('[data-layer-type="Dense"]')).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.press("Home");
  await expect(palette.locator('[data-layer-type="InputLayer"]')).toBeFocused();
});

test("menus show their options whole, zoom to fit stays readable, the CNN offers a fit", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  // Every select is wide enough for its longest option (text width + room for the arrow).
  const cut = await page.locator("select").evaluateAll((selects) => {
    const context = document.createElement("canvas").getContext("2d");
    if (!context) return ["no canvas"];
    return selects.flatMap((select) => {
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const longest = Math.max(
        ...[...(select as HTMLSelectElement).options].map((o) => context.measureText(o.text).width),
      );
      return longest + 28 > select.getBoundingClientRect().width
        ? [`${select.getAttribute("aria-label") ?? select.closest("label")?.textContent}`]
        : [];
    });
  });
  expect(cut).toEqual([]);

  // The picture CNN on 4 features says why it does not fit and offers the 1-D CNN.
  await page.getByLabel("Start from a template").selectOption("cnn");
  const alert = page.getByRole("alert").filter({ hasText: "do not form a square image" });
  await alert.getByRole("button", { name: "Use the Small 1-D CNN for feature rows" }).click();
  await expect(canvas(page).locator('[data-layer-type="Conv1D"]')).toHaveAttribute(
    "data-output-shape",
    "[null,4,16]",
  );
  await expect(canvas(page).locator('[data-state="error"]')).toHaveCount(0);
  await expect(page.getByTestId("train-button")).toBeEnabled();

  // Seven layers: zoom to fit keeps node text at 10 px or more.
  await page.getByLabel("Start from a template").selectOption("residual");
  await page.getByRole("button", { name: "Zoom to fit" }).click();
  await page.waitForTimeout(400);
  const zoom = await canvas(page)
    .locator(".react-flow__viewport")
    .evaluate((el) => new DOMMatrix(getComputedStyle(el).transform).a);
  console.log(`zoom after "Zoom to fit" on the residual template: ${zoom.toFixed(2)}`);
  expect(zoom).toBeGreaterThanOrEqual(0.8);
});
