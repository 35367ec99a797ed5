// Takes the README's screenshot at 1280×800 (the viewport, not the whole page): serves the build,
// loads iris, trains on the cpu backend, presses "See the report" in the run bar and captures what
// a person sees then: the run bar with Train in view above the report.
// Usage: npm run build && node scripts/screenshot.mjs [out.png]
import { withStudioPage } from "./studio-page.mjs";

const out = process.argv[2] ?? "docs/screenshot.png";
await withStudioPage(4190, async (page) => {
  await page.getByRole("button", { name: /Iris flowers/ }).click();
  await page.getByTestId("dataset-summary").waitFor();
  await page.getByTestId("backend-select").selectOption("cpu");
  await page.getByTestId("train-button").click();
  await page
    .locator('[data-testid="training-status"][data-state="done"]')
    .waitFor({ timeout: 120_000 });
  await page.getByRole("button", { name: "See the report" }).click();
  await page.getByTestId("train-button").waitFor({ state: "visible" });
  await page.screenshot({ path: out });
  console.log(`Saved ${out}`);
});
