import { expect, type Browser, type Locator, type Page } from "@playwright/test";

// A link shows the whole report: every figure of the owner's, in a fresh browser, for an inline and
// a hosted link (used by share.spec.ts for a table model and image-export.spec.ts for pictures).

/**
 * Every figure a report shows, keyed by what it is: the eval-table's cells (data-metric, with
 * data-class or data-average), the majority baseline's, the confusion matrix's counts, the Brier
 * scores, the headline and the ROC chart's text for screen readers (its scores and a sample of
 * its points). The linear model's column (data-source="linear") is left to the linear model's
 * own link checks: a link shows the linear comparison in its own way.
 */
export async function reportFigures(scope: Locator): Promise<Record<string, string | null>> {
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
export const ownerReport = (page: Page) => page.getByTestId("evaluation-report");
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
export async function expectLinksShowWholeReport(
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
