// Takes the README's screenshot: serves the build, loads iris, trains on the cpu backend and
// captures the page. Usage: npm run build && node scripts/screenshot.mjs [out.png]
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
  await page.screenshot({ path: out, fullPage: true });
  console.log(`Saved ${out}`);
});
