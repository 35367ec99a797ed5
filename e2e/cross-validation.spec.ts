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
  await expect(
    reopened.locator('[data-cv-metric="accuracy"][data-source="network"]'),
  ).toHaveAttribute("data-mean", networkMean ?? "");
  await expect(
    page.getByTestId("eval-table").locator('[data-source="linear"]').first(),
  ).toBeVisible();
});
