import { expect, test, type Locator, type Page } from "@playwright/test";
import { Studio } from "./studio";

/** Presses Tab (or Shift+Tab) until `target` has the focus: proof that a keyboard reaches it. */
async function tabTo(
  page: Page,
  target: Locator,
  key: "Tab" | "Shift+Tab" = "Tab",
  maxPresses = 400,
) {
  for (let i = 0; i < maxPresses; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`Tab never reached ${String(target)}`);
}

test("stop ends in 'stopped' with a report of the best weights; a new dataset cancels a run", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("backend-select").selectOption("cpu");
  await page.getByTestId("epochs-input").fill("5000");
  await page.getByText("Stop early when").click();
  await page.getByTestId("train-button").click();
  await expect(page.getByTestId("training-status")).toContainText(/epoch [2-9]\d* of 5000/);
  await page.getByTestId("stop-button").click();
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "stopped");
  await expect(page.getByTestId("eval-table")).toBeVisible();
  await expect(page.getByText(/with the weights of epoch \d+/)).toBeVisible();

  await page.getByTestId("train-button").click();
  await expect(page.getByTestId("training-status")).toContainText(/epoch \d+ of 5000/);
  await studio.dropSample("diabetes.csv");
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "idle");
  await expect(page.getByTestId("eval-table")).toHaveCount(0);
  await expect(page.getByTestId("target-select")).toHaveValue("progression");
});

test("keyboard only: load a sample, edit the model on the canvas, train", async ({ page }) => {
  const studio = new Studio(page);
  await studio.open();
  await tabTo(page, page.getByRole("button", { name: /Iris flowers/ }));
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("dataset-summary")).toContainText("iris.csv");

  // Select a layer on the canvas, delete it, and bring it back.
  const dense2 = page.getByTestId("model-canvas").locator('.react-flow__node[data-id="dense_2"]');
  await tabTo(page, dense2);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("complementary", { name: "Layer inspector" })).toContainText(
    "dense_2",
  );
  await page.keyboard.press("Delete");
  await expect(page.getByTestId("model-canvas").locator('[data-node-id="dense_2"]')).toHaveCount(0);
  await expect(page.getByTestId("model-summary")).toHaveAttribute(
    "data-params",
    String(4 * 32 + 32 + 32 * 3 + 3),
  );
  await page.keyboard.press("Control+z");
  await expect(page.getByTestId("model-canvas").locator('[data-node-id="dense_2"]')).toHaveCount(1);

  // Add a layer from the palette after the selected one, and set a parameter in the inspector.
  await tabTo(
    page,
    page.getByTestId("model-canvas").locator('.react-flow__node[data-id="dense_1"]'),
  );
  await page.keyboard.press("Enter");
  // The palette is one tab stop; arrow keys move inside it.
  await tabTo(page, page.getByTestId("layer-palette").locator('button[tabindex="0"]'));
  const dropoutItem = page.getByTestId("layer-palette").locator('[data-layer-type="Dropout"]');
  for (
    let i = 0;
    i < 40 && !(await dropoutItem.evaluate((el) => el === document.activeElement));
    i++
  )
    await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  const dropout = page.getByTestId("model-canvas").locator('[data-layer-type="Dropout"]');
  await expect(dropout).toHaveAttribute("data-output-shape", "[null,32]");
  const rate = page
    .getByRole("complementary", { name: "Layer inspector" })
    .getByLabel("Rate", { exact: true });
  await tabTo(page, rate);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("0.3");
  await expect(dropout).toContainText("rate 0.3");

  // A short run, its length typed in: the keyboard is what is checked here (how well iris learns
  // with this model and the default settings is an accuracy floor in npm run bench:accuracy).
  await tabTo(page, page.getByTestId("epochs-input"));
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type("5");
  await expect(page.getByTestId("epochs-input")).toHaveValue("5");
  await tabTo(page, page.getByTestId("backend-select"));
  await page.keyboard.press("End");
  await expect(page.getByTestId("backend-select")).toHaveValue("cpu");
  // Train sits in the run bar at the top of the page: back up to it.
  await tabTo(page, page.getByTestId("train-button"), "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("training-status")).toHaveAttribute("data-state", "done", {
    timeout: 120_000,
  });
  await expect(page.getByTestId("training-status")).toContainText("5 epochs");
  await studio.reportDrawn();
  const accuracy = await studio.metric("accuracy");
  expect(accuracy).toBeGreaterThanOrEqual(0);
  expect(accuracy).toBeLessThanOrEqual(1);
});
