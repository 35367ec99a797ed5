import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

// The studio served by its own server (server/): cross-origin isolated, and training under those
// headers.
test("the page is cross-origin isolated, wasm trains on threads, auto measures then remembers; a shared view's path serves the studio", async ({
  page,
}) => {
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  const studio = new Studio(page);
  await studio.open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);

  await studio.dropSample("iris.csv");
  // What is measured and chosen does not depend on how long the run is: a short one.
  await page.getByTestId("epochs-input").fill("20");
  await page.getByTestId("epochs-input").blur();
  await studio.train("wasm");
  await expect(page.getByTestId("backend-badge")).toHaveText("wasm");
  expect(await studio.metric("accuracy")).toBeGreaterThan(0.5);
  const speeds = page.getByTestId("backend-speeds");
  await expect(speeds).toHaveAttribute("data-isolated", "true");
  // wasm is timed on one thread and on one per core (tf.js's threaded build), and trains on the
  // count measured faster for this model: more threads only when at least 10% faster.
  expect(cores).toBeGreaterThan(1);
  // One thread per core, up to 4 (src/worker/wasmPool.ts).
  const most = Math.min(cores, 4);
  await expect(speeds).toContainText("measured fastest for this model");
  const text = (await speeds.textContent()) ?? "";
  const figures = text.match(
    /WebAssembly runs on (\d+) threads?, measured fastest for this model \((\d+) threads ([\d,]+) samples\/s · 1 thread ([\d,]+) samples\/s\)/,
  );
  expect(figures, text).not.toBeNull();
  const [, threads, many, manySpeed, oneSpeed] = figures!.map((f) => Number(f?.replace(/,/g, "")));
  expect(many).toBe(most);
  expect(threads).toBe(manySpeed! > oneSpeed! * 1.1 ? most : 1);
  expect(Number(await speeds.getAttribute("data-wasm-threads"))).toBe(threads);

  // Auto's choice does not depend on the run's length either (its cache key is the model, the
  // batch and the device): two epochs for each of its runs.
  await page.getByTestId("epochs-input").fill("2");
  await page.getByTestId("epochs-input").blur();
  await studio.train("auto");
  await expect(speeds).toContainText("Measured on this device:");
  await expect(speeds).toContainText(/WebAssembly \(1 thread\) [\d,]+ samples\/s/);
  await expect(speeds).toContainText(
    new RegExp(`WebAssembly \\(${most} threads\\) [\\d,]+ samples/s`),
  );
  await expect(speeds).toContainText(/CPU [\d,]+ samples\/s/);
  const chosen = await speeds.getAttribute("data-backend");
  await expect(page.getByTestId("backend-badge")).toHaveText(chosen ?? "none");

  // The same model again: the choice comes from the cache, without measuring.
  await studio.train("auto");
  await expect(speeds).toContainText("Measured in an earlier run on this device:");
  await expect(page.getByTestId("backend-badge")).toHaveText(chosen ?? "none");

  // A shared view's path serves the studio, under the same isolation headers.
  const shared = await page.goto("/s/some-share-id");
  expect(shared?.status()).toBe(200);
  expect(shared?.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  await expect(page.getByRole("heading", { name: "Model Studio" })).toBeVisible();
});
