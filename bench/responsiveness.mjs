// Loads a large CSV into the production build and reports the main thread's long tasks (> 50 ms)
// while it parses, while a column setting changes, and while training starts and runs an epoch.
// Usage: npm run build && node bench/responsiveness.mjs path/to/big.csv
import { withStudioPage } from "../scripts/studio-page.mjs";

const file = process.argv[2];
if (!file) throw new Error("Pass the path of a large CSV file.");
await withStudioPage(4196, async (page) => {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  const phase = async (name, action) => {
    await page.evaluate(() => (window.__long = []));
    const started = Date.now();
    await action();
    const long = await page.evaluate(() => window.__long);
    const total = long.reduce((a, b) => a + b, 0);
    console.log(
      `${name}: ${((Date.now() - started) / 1000).toFixed(1)} s; long tasks ${long.length}, longest ${Math.max(0, ...long).toFixed(0)} ms, total ${total.toFixed(0)} ms`,
    );
  };
  await phase("load", async () => {
    await page
      .getByTestId("dataset-drop")
      .locator("input[type=file]:not([webkitdirectory])")
      .setInputFiles(file);
    await page.getByTestId("dataset-summary").waitFor({ timeout: 300_000 });
    await page
      .locator('[data-testid="train-button"]:not([disabled])')
      .waitFor({ timeout: 300_000 });
  });
  await phase("change a column's scaling", async () => {
    const select = page.locator("select[aria-label^='Scaling of']").first();
    await select.selectOption("minmax");
    await page.waitForTimeout(300);
    await page
      .locator('[data-testid="train-button"]:not([disabled])')
      .waitFor({ timeout: 300_000 });
  });
  await phase("train one epoch (cpu)", async () => {
    await page.getByTestId("epochs-input").fill("1");
    await page.getByTestId("batch-size-input").fill("4096");
    await page.getByTestId("backend-select").selectOption("cpu");
    await page.getByTestId("train-button").click();
    await page
      .locator('[data-testid="training-status"][data-state="done"]')
      .waitFor({ timeout: 600_000 });
  });
});
