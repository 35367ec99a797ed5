import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectLinksShowWholeReport, ownerReport, reportFigures } from "./reportLinks";
import { Studio } from "./studio";

/**
 * The model's precision, recall, F1 and support cells of the report a shared model carries:
 * `metric|class` → the unrounded value. report-link.spec compares every figure of the report.
 */
async function reportCells(page: Page) {
  // The report section's code loads on demand (after "Open in studio", too): wait for its table.
  await expect(page.getByTestId("eval-table").first()).toBeVisible();
  const cells = await page
    .getByTestId("eval-table")
    .locator(
      '[data-metric]:not([data-metric="roc_auc"]):not([data-metric="average_precision"]):not([data-metric="log_loss"])',
    )
    .evaluateAll((items) =>
      items.map((item) => [
        `${item.getAttribute("data-metric")}|${item.getAttribute("data-class") ?? ""}`,
        item.getAttribute("data-value"),
      ]),
    );
  return Object.fromEntries(cells);
}

/** The try-it answer for the first test row: the class and each class's probability. */
async function firstRowPrediction(page: Page) {
  const prediction = page.getByTestId("prediction");
  await expect(prediction).toHaveAttribute("data-predicted", /setosa|versicolor|virginica/);
  const fields = await page
    .getByTestId("predict-panel")
    .locator("[data-column]")
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute("data-column"), (item as HTMLInputElement).value]),
    );
  const probabilities = await prediction
    .locator("[data-class]")
    .evaluateAll((items) =>
      items.map((item) => [item.getAttribute("data-class"), item.getAttribute("data-probability")]),
    );
  return { fields, predicted: await prediction.getAttribute("data-predicted"), probabilities };
}

async function trainIris(page: Page, epochs = "15") {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("epochs-input").fill(epochs);
  await studio.train("cpu");
  return studio;
}

/** Opens `url` in a fresh browser context (no storage, no owner token) and waits for the view. */
/** The hosted link's version in the open project's saved record (IndexedDB), or null. */
function savedHostedVersion(page: Page): Promise<number | null> {
  return page.evaluate(
    () =>
      new Promise<number | null>((resolve) => {
        const request = indexedDB.open("model-studio");
        request.onsuccess = () => {
          const db = request.result;
          const all = db.transaction("projects").objectStore("projects").getAll();
          all.onsuccess = () => {
            const projects = all.result as Array<{ hostedShare?: { version: number } }>;
            resolve(projects.find((p) => p.hostedShare)?.hostedShare?.version ?? null);
            db.close();
          };
        };
        request.onerror = () => resolve(null);
      }),
  );
}

async function openFresh(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  return { context, page };
}

test("an inline link carries the model to a fresh browser: same report, same prediction; inline and hosted links show every figure of the report", async ({
  page,
  browser,
}) => {
  await trainIris(page);
  const report = await reportCells(page);
  expect(Object.keys(report).length).toBeGreaterThan(10);
  const prediction = await firstRowPrediction(page);

  await page.getByTestId("share-mode-select").selectOption("inline");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/#m=[A-Za-z0-9_-]+$/);
  const url = await link.inputValue();
  expect(url.length).toBeLessThan(1_000_000);

  const visitor = await openFresh(browser, url);
  const view = visitor.page.getByTestId("shared-view");
  await expect(view).toHaveAttribute("data-state", "ready");
  await expect(view.getByRole("heading", { level: 2, name: "iris-species" })).toBeVisible();
  expect(await reportCells(visitor.page)).toEqual(report);
  expect(await firstRowPrediction(visitor.page)).toEqual(prediction);
  await expect(view.getByTestId("history-chart")).toBeVisible();
  await visitor.page.screenshot({ path: "test-results/shared-view-inline.png", fullPage: false });

  // Open in studio: the model, its report and try-it continue in the normal studio.
  await view.getByRole("button", { name: "Open in studio" }).click();
  await expect(visitor.page.getByTestId("model-canvas")).toBeVisible();
  await expect(visitor.page).toHaveURL(/\/$/);
  expect(await reportCells(visitor.page)).toEqual(report);
  expect(await firstRowPrediction(visitor.page)).toEqual(prediction);

  // A damaged link says so, and how to go on.
  await visitor.page.goto(url.slice(0, url.length - 25));
  await expect(visitor.page.getByRole("alert")).toContainText("cut off");
  await visitor.context.close();

  // Both links show every figure of the owner's report, not only the cells above (once
  // report-link.spec.ts, which trained iris again for it).
  const owner = await reportFigures(ownerReport(page));
  // Three classes: per class precision, recall, F1, ROC AUC, average precision and support; the
  // two averages of each; accuracy, all the test rows, the averaged scores and log loss.
  const metricCells = Object.keys(owner).filter((key) => key.startsWith("metric "));
  expect(metricCells).toHaveLength(37);
  expect(metricCells).toContain("metric roc_auc|setosa|");
  expect(metricCells).toContain("metric average_precision|virginica|");
  expect(metricCells).toContain("metric log_loss||");
  expect(Object.keys(owner).filter((key) => key.startsWith("brier "))).toHaveLength(3);
  expect(owner.roc).toContain("setosa: ROC AUC");
  expect(owner["accuracy explanation"]).toContain("Share of test rows");
  await expectLinksShowWholeReport(page, browser, owner, "report-link-table.png");
});

test("a hosted link: open in a fresh browser, publish version 2, take it down", async ({
  page,
  browser,
}) => {
  const studio = await trainIris(page);
  const report = await reportCells(page);
  const prediction = await firstRowPrediction(page);

  await page.getByTestId("share-mode-select").selectOption("hosted");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/);
  const url = await link.inputValue();
  await expect(page.getByTestId("share-version")).toHaveAttribute("data-version", "1");
  // The owner token stays in this browser, never in the link.
  const tokens = await page.evaluate(() =>
    Object.keys(localStorage).filter((key) => key.includes("share-owner-token")),
  );
  expect(tokens).toHaveLength(1);
  expect(url).not.toContain((await page.evaluate((key) => localStorage.getItem(key), tokens[0]!))!);

  const visitor = await openFresh(browser, url);
  const view = visitor.page.getByTestId("shared-view");
  await expect(view).toHaveAttribute("data-state", "ready");
  await expect(view.getByTestId("shared-version")).toHaveAttribute("data-version", "1");
  expect(await reportCells(visitor.page)).toEqual(report);
  expect(await firstRowPrediction(visitor.page)).toEqual(prediction);
  await visitor.page.screenshot({ path: "test-results/shared-view-hosted.png" });

  // Train longer, publish the new model as version 2: the same link now shows it.
  await page.getByTestId("epochs-input").fill("25");
  await studio.train("cpu");
  const report2 = await reportCells(page);
  await page.getByTestId("share-update-button").click();
  await expect(page.getByTestId("share-version")).toHaveAttribute("data-version", "2");
  await expect(link).toHaveValue(url);
  await visitor.page.reload();
  await expect(view.getByTestId("shared-version")).toHaveAttribute("data-version", "2");
  expect(await reportCells(visitor.page)).toEqual(report2);

  // The project keeps the link and its owner key: after a reload this page can still update it.
  await expect.poll(() => savedHostedVersion(page), { timeout: 10_000 }).toBe(2);
  await page.reload();
  await expect(page.getByTestId("share-version")).toHaveAttribute("data-version", "2");
  await expect(page.getByTestId("share-link")).toHaveValue(url);
  await expect(page.getByTestId("share-update-button")).toHaveText(
    "Publish the current model as version 3",
  );
  await expect(page.getByTestId("share-version")).toContainText("shows the current model");

  // Take it down (after confirming): the link says so.
  await page.getByTestId("share-delete-button").click();
  await page.getByRole("button", { name: "Yes, delete the hosted model" }).click();
  await expect(page.getByRole("status").filter({ hasText: "taken down" })).toBeVisible();
  await visitor.page.reload();
  await expect(view).toHaveAttribute("data-state", "deleted");
  await expect(visitor.page.getByRole("alert")).toHaveText(
    "This shared model was deleted by its owner.",
  );
  await visitor.page.screenshot({ path: "test-results/shared-view-deleted.png" });

  // An id that never existed.
  await visitor.page.goto("/s/never-shared");
  await expect(visitor.page.getByRole("alert")).toContainText("There is no shared model");
  await visitor.context.close();
});

test("names from a link are shown as text, never run as HTML", async ({ page, browser }) => {
  const hostile = '<img src=x onerror="window.__xss=1">';
  // CSV-quoted: a doubled quote is one quote.
  const quoted = (text: string) => `"${text.replaceAll('"', '""')}"`;
  const rows = Array.from({ length: 60 }, (_, i) => {
    const x = (i % 10) / 10;
    return `${x},${1 - x},${quoted(i % 2 === 0 ? hostile : "<b>plain</b>")}`;
  });
  const csv = `${quoted("<i>a</i>")},b,${quoted("kind<script>")}\n${rows.join("\n")}\n`;
  const studio = new Studio(page);
  await studio.open();
  await studio.dropFile("hostile.csv", csv);
  await expect(page.getByTestId("dataset-summary")).toContainText("hostile.csv");
  await page.getByTestId("target-select").selectOption("kind<script>");
  await page.getByTestId("epochs-input").fill("3");
  await studio.train("cpu");
  await page.getByTestId("share-button").click();
  const url = await page.getByTestId("share-link").inputValue();

  const visitor = await openFresh(browser, url);
  const view = visitor.page.getByTestId("shared-view");
  await expect(view).toHaveAttribute("data-state", "ready");
  await expect(view.getByText(`Predicts`)).toBeVisible();
  await expect(view.locator(".shared-facts")).toContainText(`kind<script> (classification: `);
  await expect(view.locator(".shared-facts")).toContainText(hostile);
  await expect(view.locator(".shared-facts")).toContainText("<i>a</i>");
  expect(await view.locator("img[src=x], i, b, script").count()).toBe(0);
  expect(await visitor.page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  await visitor.context.close();
});
