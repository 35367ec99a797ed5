import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

// The studio served by its own server (server/): cross-origin isolated, and still training.
test("the studio is cross-origin isolated and trains on wasm under those headers", async ({
  page,
}) => {
  const response = await page.goto("/");
  const headers = response?.headers() ?? {};
  expect(headers["cross-origin-opener-policy"]).toBe("same-origin");
  expect(headers["cross-origin-embedder-policy"]).toBe("require-corp");
  expect(headers["cross-origin-resource-policy"]).toBe("same-origin");
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);

  const studio = new Studio(page);
  await expect(page.getByRole("heading", { name: "Model Studio" })).toBeVisible();
  await studio.dropSample("iris.csv");
  await studio.train("wasm");
  await expect(page.getByTestId("backend-badge")).toHaveText("wasm");
  expect(await studio.metric("accuracy")).toBeGreaterThan(0.5);
});

test("a shared view's path serves the studio", async ({ page }) => {
  const response = await page.goto("/s/some-share-id");
  expect(response?.status()).toBe(200);
  expect(response?.headers()["cross-origin-embedder-policy"]).toBe("require-corp");
  await expect(page.getByRole("heading", { name: "Model Studio" })).toBeVisible();
});
