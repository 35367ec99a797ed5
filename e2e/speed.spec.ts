import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

test("the page is cross-origin isolated, wasm trains on threads, and auto measures then remembers", async ({
  page,
}) => {
  const response = await page.goto("/");
  expect(response?.headers()["cross-origin-opener-policy"]).toBe("same-origin");
  expect(response?.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  const studio = new Studio(page);
  await studio.open();
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);

  await studio.dropSample("iris.csv");
  await studio.train("wasm");
  const speeds = page.getByTestId("backend-speeds");
  await expect(speeds).toHaveAttribute("data-isolated", "true");
  const threads = Number(await speeds.getAttribute("data-wasm-threads"));
  // tf.js's threaded build runs one thread per core the browser reports.
  expect(threads).toBe(cores);
  expect(threads).toBeGreaterThan(1);
  await expect(speeds).toContainText(`WebAssembly runs on ${threads} threads.`);

  await studio.train("auto");
  await expect(speeds).toContainText("Measured on this device:");
  await expect(speeds).toContainText(/WebAssembly [\d,]+ samples\/s/);
  await expect(speeds).toContainText(/CPU [\d,]+ samples\/s/);
  const chosen = await speeds.getAttribute("data-backend");
  await expect(page.getByTestId("backend-badge")).toHaveText(chosen ?? "none");

  // The same model again: the choice comes from the cache, without measuring.
  await studio.train("auto");
  await expect(speeds).toContainText("Measured in an earlier run on this device:");
  await expect(page.getByTestId("backend-badge")).toHaveText(chosen ?? "none");
});
