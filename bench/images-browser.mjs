// Image datasets in the production build: decoding speed (images/s) and the page's longest task
// while 5,000 pictures decode in the data worker (goal: none over 50 ms), then training speed of the
// proposed CNN per backend (one epoch).
// Usage: npm run build && node bench/images-browser.mjs [backends… | none]
import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { withStudioPage } from "../scripts/studio-page.mjs";

const COUNT = 5000;
const digits = Object.entries(
  unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip"))),
);
const entries = {};
for (let i = 0; i < COUNT; i++) {
  const [name, bytes] = digits[i % digits.length];
  entries[name.replace(".png", `-${i}.png`)] = bytes;
}
const zip = Buffer.from(zipSync(entries, { level: 0 }));

await withStudioPage(4188, async (page) => {
  await page.evaluate(() => {
    window.__long = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__long.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
  });
  const started = Date.now();
  await page
    .getByTestId("dataset-drop")
    .locator("input[type=file]:not([webkitdirectory])")
    .setInputFiles({ name: "digits-5000.zip", mimeType: "application/zip", buffer: zip });
  await page
    .getByTestId("dataset-summary")
    .filter({ hasText: `${COUNT} images` })
    .waitFor({ timeout: 600_000 });
  const seconds = (Date.now() - started) / 1000;
  const long = await page.evaluate(() => window.__long);
  console.log(
    `decode ${COUNT} PNGs (32×32) in the data worker: ${seconds.toFixed(1)} s, ${(COUNT / seconds).toFixed(0)} images/s; page long tasks ${long.length}, longest ${Math.max(0, ...long).toFixed(0)} ms`,
  );
  // Backends to train one epoch on ("none": decoding only); cpu and webgl by default.
  const backends = process.argv.length > 2 ? process.argv.slice(2) : ["cpu", "webgl"];
  for (const backend of backends.filter((b) => b !== "none")) {
    await page.getByTestId("epochs-input").fill("1");
    await page.getByTestId("epochs-input").blur();
    await page.getByTestId("backend-select").selectOption(backend);
    const trainStarted = Date.now();
    await page.getByTestId("train-button").click();
    await page
      .locator('[data-testid="training-status"]:is([data-state="done"],[data-state="error"])')
      .waitFor({ timeout: 900_000 });
    const state = await page.getByTestId("training-status").getAttribute("data-state");
    const trainSeconds = (Date.now() - trainStarted) / 1000;
    const badge = await page.getByTestId("backend-badge").textContent();
    console.log(
      `train 1 epoch on ${backend} (ran on ${badge}, ${state}): ${trainSeconds.toFixed(1)} s, ${((COUNT * 0.7) / trainSeconds).toFixed(0)} training images/s (incl. validation and test)`,
    );
  }
});
