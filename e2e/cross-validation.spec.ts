import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

test("cross-validation: iris in 3 folds shows accuracy as mean ± std for the network and the linear model", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropSample("iris.csv");
  await page.getByTestId("epochs-input").fill("10");
  await page.getByTestId("cross-validation-toggle").check();
  await page.getByTestId("cross-validation-folds").fill("3");

  // The run bar says which fold is training.
  const sawFold = page
    .getByTestId("training-status")
    .filter({ hasText: /Cross-validating: fold \d of 3/ })
    .first()
    .waitFor({ timeout: 200_000 });
  await studio.train("cpu");
  await sawFold;

  const table = page.getByTestId("cross-validation");
  await expect(table).toContainText("3 folds");
  for (const source of ["network", "linear"]) {
    const cell = table.locator(`[data-cv-metric="accuracy"][data-source="${source}"]`);
    await expect(cell).toContainText("± ");
    const mean = Number(await cell.getAttribute("data-mean"));
    const std = Number(await cell.getAttribute("data-std"));
    expect(mean).toBeGreaterThan(0.3);
    expect(mean).toBeLessThanOrEqual(1);
    expect(std).toBeGreaterThanOrEqual(0);
    console.log(`iris, 3 folds, ${source}: accuracy ${mean.toFixed(3)} ± ${std.toFixed(3)}`);
  }
  // The test split's own figures stay in the report beside them.
  await expect(table).toContainText("Network, test split");
  expect(await studio.metric("accuracy")).toBeGreaterThan(0);
  const networkMean = await table
    .locator('[data-cv-metric="accuracy"][data-source="network"]')
    .getAttribute("data-mean");

  // Reopened from the saved project, the report still has the folds and the linear column.
  await expect(page.getByRole("status").filter({ hasText: "Saved in this browser" })).toBeVisible();
  await page.reload();
  const reopened = page.getByTestId("cross-validation");
  // The report comes back once the stored table is read and prepared again in the data worker:
  // with two specs side by side on two cores, that can take longer than the default 15 s.
  await expect(
    reopened.locator('[data-cv-metric="accuracy"][data-source="network"]'),
  ).toHaveAttribute("data-mean", networkMean ?? "", { timeout: 60_000 });
  await expect(
    page.getByTestId("eval-table").locator('[data-source="linear"]').first(),
  ).toBeVisible();
});

const digits = unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
/** 0, 1 and 7, 20 pictures each: folds that train in seconds. */
const smallDigits = (() => {
  const taken = new Map<string, number>();
  const files = Object.entries(digits).filter(([name]) => {
    const digit = /^([017])\//.exec(name)?.[1];
    if (!digit) return false;
    taken.set(digit, (taken.get(digit) ?? 0) + 1);
    return (taken.get(digit) ?? 0) <= 20;
  });
  return Buffer.from(zipSync(Object.fromEntries(files)));
})();

test("cross-validation of pictures: 3 folds of 60 digits give the same table of fold scores, without a linear model", async ({
  page,
}) => {
  test.setTimeout(400_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("small-digits.zip", smallDigits, "3 classes");
  await page.getByTestId("cross-validation-toggle").check();
  await page.getByTestId("cross-validation-folds").fill("3");
  for (const [id, value] of [
    ["epochs-input", "2"],
    ["batch-size-input", "8"],
  ] as const) {
    await page.getByTestId(id).fill(value);
    await page.getByTestId(id).blur();
  }
  const sawFold = page
    .getByTestId("training-status")
    .filter({ hasText: /Cross-validating: fold \d of 3/ })
    .first()
    .waitFor({ timeout: 300_000 });
  await studio.train("wasm", 300_000);
  await sawFold;

  const table = page.getByTestId("cross-validation");
  // 60 pictures: 9 in the test split (15% of each class), the other 51 dealt into the folds.
  await expect(table).toContainText(
    "The 51 training and validation pictures were dealt into 3 folds",
  );
  for (const metric of ["accuracy", "precision", "recall", "f1"]) {
    const cell = table.locator(`[data-cv-metric="${metric}"][data-source="network"]`);
    await expect(cell).toContainText("± ");
    const mean = Number(await cell.getAttribute("data-mean"));
    expect(mean).toBeGreaterThanOrEqual(0);
    expect(mean).toBeLessThanOrEqual(1);
    expect(Number(await cell.getAttribute("data-std"))).toBeGreaterThanOrEqual(0);
  }
  await expect(table.locator('[data-source="linear"]')).toHaveCount(0);
  await expect(table).toContainText("Network, test split");
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/cross-validation-pictures.png" });
});
