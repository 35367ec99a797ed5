// Measures what a keystroke in the inspector costs on a 100-layer graph, in the production build
// in headless Chromium: from the input event to React's commit, and to the next animation frame.
// Usage: npm run build && node bench/keystroke.mjs
import { withStudioPage } from "../scripts/studio-page.mjs";

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[
    Math.min(values.length - 1, Math.floor((p / 100) * values.length))
  ];

await withStudioPage(4195, async (page) => {
  await page.getByRole("button", { name: /Handwritten digits/ }).click();
  await page.getByTestId("dataset-summary").waitFor();
  await page.getByRole("button", { name: "Clear the canvas" }).click();
  const palette = page.getByTestId("layer-palette");
  await palette.locator('[data-layer-type="InputLayer"]').click();
  for (let i = 0; i < 99; i++) await palette.locator('[data-layer-type="Dense"]').click();
  const count = await page.evaluate(
    () => document.querySelectorAll('[data-testid="model-canvas"] [data-layer-type]').length,
  );
  const inspector = page.getByRole("complementary", { name: "Layer inspector" });
  await page.locator(".react-flow__pane").click({ position: { x: 5, y: 5 } });
  await inspector.getByLabel("Select a layer").selectOption("dense_50");
  const units = inspector.getByLabel("Units", { exact: true });
  await units.click();
  await page.evaluate(() => {
    window.__timings = [];
    let start = 0;
    let key = "";
    window.addEventListener(
      "keydown",
      (e) => {
        start = e.timeStamp;
        key = e.key;
      },
      true,
    );
    window.addEventListener("input", () => {
      const committed = performance.now();
      // Digits change the layer; Backspace leaves an empty, invalid field that changes nothing.
      if (!/^[0-9]$/.test(key)) return;
      requestAnimationFrame(() =>
        window.__timings.push([committed - start, performance.now() - start]),
      );
    });
  });
  for (let round = 0; round < 20; round++) {
    await units.press("End");
    await units.press("Backspace");
    await units.press(String((round % 9) + 1));
    await page.waitForTimeout(30);
  }
  const timings = await page.evaluate(() => window.__timings);
  const commit = timings.map((t) => t[0]);
  const frame = timings.map((t) => t[1]);
  console.log(`graph: ${count} layers; ${timings.length} keystrokes in the inspector`);
  console.log(
    `keydown → React commit: median ${percentile(commit, 50).toFixed(1)} ms, p95 ${percentile(commit, 95).toFixed(1)} ms, max ${Math.max(...commit).toFixed(1)} ms`,
  );
  console.log(
    `keydown → next frame:   median ${percentile(frame, 50).toFixed(1)} ms, p95 ${percentile(frame, 95).toFixed(1)} ms`,
  );
});
