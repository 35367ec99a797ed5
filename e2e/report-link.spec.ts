import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { Studio } from "./studio";

/**
 * Every figure a report shows, keyed by what it is: the eval-table's cells (data-metric, with
 * data-class or data-average), the majority baseline's, the confusion matrix's counts, the Brier
 * scores, the headline and the ROC chart's text for screen readers (its scores and a sample of
 * its points). The linear model's column (data-source="linear") is left to the linear model's
 * own link checks: a link shows the linear comparison in its own way.
 */
async function reportFigures(scope: Locator): Promise<Record<string, string | null>> {
  await expect(scope.getByTestId("eval-table").first()).toBeVisible();
  await expect(scope.getByTestId("roc-chart")).toBeVisible();
  return scope.evaluate((root) => {
    const figures: Record<string, string | null> = {};
    // A figure shown twice (an average in its row and again in the overall block) is two keys.
    const put = (key: string, value: string | null) => {
      let unique = key;
      for (let n = 2; unique in figures; n++) unique = `${key} #${n}`;
      figures[unique] = value;
    };
    const attr = (item: Element, name: string) => item.getAttribute(name) ?? "";
    root.querySelectorAll('[data-testid="eval-table"] [data-metric]').forEach((item) => {
      const key = `${attr(item, "data-metric")}|${attr(item, "data-class")}|${attr(item, "data-average")}`;
      put(`metric ${key}`, item.getAttribute("data-value"));
    });
    root.querySelectorAll('[data-testid="eval-table"] [data-source="majority"]').forEach((item) => {
      figures[`majority ${attr(item, "data-baseline")}`] = item.getAttribute("data-value");
    });
    root.querySelectorAll('[data-testid="confusion-matrix"] [data-count]').forEach((item) => {
      put(
        `confusion ${attr(item, "data-actual")}→${attr(item, "data-predicted")}`,
        item.getAttribute("data-count"),
      );
    });
    root.querySelectorAll("[data-brier]").forEach((item) => {
      put(`brier ${attr(item, "data-brier")}`, item.getAttribute("data-value"));
    });
    figures.headline = root.querySelector(".headline")?.textContent ?? null;
    // Words that name the examples (rows or pictures), where a report once mixed them up.
    figures["calibration caption"] =
      root.querySelector('[data-testid="calibration-chart"] figcaption')?.textContent ?? null;
    figures["accuracy explanation"] =
      root
        .querySelector('[data-testid="eval-table"] .overall-block th[title^="Share of"]')
        ?.getAttribute("title") ?? null;
    figures.roc = root.querySelector('[data-testid="roc-chart"] p')?.textContent ?? null;
    figures["roc points"] =
      root.querySelector('[data-testid="roc-chart"] table')?.textContent ?? null;
    return figures;
  });
}

/** The owner's report, the one the run just drew. */
const ownerReport = (page: Page) => page.getByTestId("evaluation-report");
/** The report block of a shared link's page. */
const visitorReport = (page: Page) =>
  page.locator('section[aria-labelledby="shared-report-heading"]');

async function linkOf(page: Page, mode: "inline" | "hosted"): Promise<string> {
  await page.getByTestId("share-mode-select").selectOption(mode);
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(mode === "inline" ? /#m=[A-Za-z0-9_-]+$/ : /\/s\/[A-Za-z0-9_-]+$/);
  return link.inputValue();
}

async function visit(browser: Browser, url: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(url);
  await expect(page.getByTestId("shared-view")).toHaveAttribute("data-state", "ready");
  return { context, page };
}

/** Opens both links in fresh browsers: each shows the owner's figures, every one of them. */
async function expectLinksShowWholeReport(
  page: Page,
  browser: Browser,
  owner: Record<string, string | null>,
  screenshot: string,
) {
  for (const mode of ["inline", "hosted"] as const) {
    const url = await linkOf(page, mode);
    const visitor = await visit(browser, url);
    expect(await reportFigures(visitorReport(visitor.page)), `${mode} link`).toEqual(owner);
    if (mode === "inline") {
      await visitorReport(visitor.page).getByTestId("roc-chart").scrollIntoViewIfNeeded();
      await visitor.page.screenshot({ path: `test-results/${screenshot}` });
    }
    await visitor.context.close();
  }
}

test("a table model's links show every figure of the owner's report", async ({ page, browser }) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("epochs-input").fill("8");
  await studio.train("cpu");
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

const digits = unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
/** 0, 1 and 7, 24 pictures each: a picture model that trains in seconds. */
const smallDigits = (() => {
  const taken = new Map<string, number>();
  const files = Object.entries(digits).filter(([name]) => {
    const digit = /^([017])\//.exec(name)?.[1];
    if (!digit) return false;
    taken.set(digit, (taken.get(digit) ?? 0) + 1);
    return (taken.get(digit) ?? 0) <= 24;
  });
  return Buffer.from(zipSync(Object.fromEntries(files)));
})();

test("a picture model's links show every figure of the owner's report", async ({
  page,
  browser,
}) => {
  test.setTimeout(400_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("small-digits.zip", smallDigits, "3 classes");
  for (const [id, value] of [
    ["epochs-input", "2"],
    ["batch-size-input", "8"],
  ] as const) {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).blur();
  }
  await studio.train("wasm", 300_000);
  const owner = await reportFigures(ownerReport(page));
  const metricCells = Object.keys(owner).filter((key) => key.startsWith("metric "));
  expect(metricCells.filter((key) => key.startsWith("metric roc_auc|"))).not.toHaveLength(0);
  expect(metricCells).toContain("metric log_loss||");
  expect(owner["calibration caption"]).toContain("share of test pictures");
  expect(owner["accuracy explanation"]).toBe(
    "Share of test pictures whose class the model got right (1 means all of them).",
  );
  await expectLinksShowWholeReport(page, browser, owner, "report-link-pictures.png");
});
