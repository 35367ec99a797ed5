// Screenshots of the report with cross-validation on, at 1280×800: iris, 5 folds, cpu backend.
// The first shows the run bar while the folds train, the second the cross-validation table.
// Usage: npm run build && node scripts/screenshot-cross-validation.mjs [out-dir] [port]
import { withStudioPage } from "./studio-page.mjs";

const dir = process.argv[2] ?? "docs";
const port = Number(process.argv[3] ?? 4190);
await withStudioPage(port, async (page) => {
  await page.getByRole("button", { name: /Iris flowers/ }).click();
  await page.getByTestId("dataset-summary").waitFor();
  await page.getByTestId("backend-select").selectOption("cpu");
  await page.getByTestId("epochs-input").fill("40");
  await page.getByTestId("cross-validation-toggle").check();
  await page.getByTestId("train-button").click();
  await page
    .getByTestId("training-status")
    .filter({ hasText: /Cross-validating: fold 2/ })
    .waitFor({ timeout: 120_000 });
  await page.screenshot({ path: `${dir}/cross-validation-running.png` });
  await page
    .locator('[data-testid="training-status"][data-state="done"]')
    .waitFor({ timeout: 300_000 });
  await page.getByTestId("cross-validation").scrollIntoViewIfNeeded();
  await page
    .getByTestId("cross-validation")
    .evaluate((el) => el.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: `${dir}/cross-validation.png` });
  console.log(`Saved ${dir}/cross-validation-running.png and ${dir}/cross-validation.png`);
});
