import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { Studio } from "./studio";

const digitsZip = readFileSync("tests/fixtures/digits-png.zip");
const seven = readFileSync("tests/fixtures/digit-7.png");

/** Try it on a picture of one's own: the answer and each class's probability. */
async function tryPicture(page: Page) {
  const panel = page.getByTestId("predict-panel");
  await panel.locator("input[type=file]").setInputFiles({
    name: "digit-7.png",
    mimeType: "image/png",
    buffer: seven,
  });
  await expect(panel.getByText("“digit-7.png”, as the model sees it")).toBeVisible();
  const prediction = panel.getByTestId("prediction");
  await expect(prediction.locator("[data-class]")).toHaveCount(10);
  return prediction
    .locator("[data-class]")
    .evaluateAll((items) =>
      items.map((i) => `${i.getAttribute("data-class")}=${i.getAttribute("data-probability")}`),
    );
}

/** The keys of one store of the studio's IndexedDB. */
function storedKeys(page: Page, store: "images" | "runs" | "datasets") {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const request = indexedDB.open("model-studio");
        request.onerror = () => reject(new Error("no database"));
        request.onsuccess = () => {
          const keys = request.result.transaction(name).objectStore(name).getAllKeys();
          keys.onsuccess = () => {
            resolve(keys.result.map(String));
            request.result.close();
          };
        };
      }),
    store,
  );
}

/** What a person sees of the images and the report: to compare before and after a reload. */
async function snapshot(page: Page) {
  const gallery = page
    .getByTestId("image-gallery")
    .locator("[data-class]")
    .evaluateAll((nodes) =>
      nodes.map((n) => `${n.getAttribute("data-class")}:${n.getAttribute("data-count")}`),
    );
  const report = page
    .getByTestId("eval-table")
    .locator("[data-metric]")
    .evaluateAll((cells) =>
      cells.map(
        (c) =>
          `${c.getAttribute("data-metric")}${c.getAttribute("data-class") ?? ""}=${c.getAttribute("data-value")}`,
      ),
    );
  const mistakes = page
    .getByTestId("misclassified-gallery")
    .locator("[data-actual]")
    .evaluateAll((items) =>
      items.map(
        (i) =>
          `${i.getAttribute("data-actual")}→${i.getAttribute("data-predicted")}@${i.getAttribute("data-confidence")}`,
      ),
    );
  return {
    summary: await page.getByTestId("dataset-summary").textContent(),
    gallery: await gallery,
    report: await report,
    mistakes: await mistakes,
    params: await page.getByTestId("model-summary").getAttribute("data-params"),
  };
}

test("an image project comes back after a reload: pictures, settings, canvas, report and model", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  await studio.trainPictures({ epochs: 1, batch: 8 });
  await expect(page.getByTestId("misclassified-gallery")).toBeVisible();
  const before = await snapshot(page);
  expect(before.report.length).toBeGreaterThan(4);
  const answer = await tryPicture(page);
  const rows = page.getByTestId("run-history").locator("tbody tr[data-run-id]");
  await expect(rows).toHaveCount(1);
  await expect.poll(() => storedKeys(page, "runs"), { timeout: 30_000 }).toHaveLength(1);
  await expect(page.getByRole("status").filter({ hasText: "Saved in this browser" })).toBeVisible();
  expect(await storedKeys(page, "images")).toHaveLength(1);
  expect(await storedKeys(page, "datasets")).toEqual([]);

  await page.reload();
  await expect(page.getByTestId("dataset-summary")).toContainText("600 images · 10 classes");
  await expect(page.getByTestId("dataset-summary")).toContainText("32×32×1");
  await expect(page.getByTestId("image-size-input")).toHaveValue("32");
  await expect(page.getByTestId("image-color-select")).toHaveValue("grayscale");
  await expect(page.getByTestId("epochs-input")).toHaveValue("1");
  await expect(page.getByTestId("backend-select")).toHaveValue("wasm");
  await expect(page.getByTestId("eval-table")).toBeVisible();
  await expect(page.getByTestId("misclassified-gallery")).toBeVisible();
  await expect(page.getByText(/out of date/i)).toHaveCount(0);
  expect(await snapshot(page)).toEqual(before);
  // The trained model is back: the run keeps its weights and the export is offered.
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("button", { name: "Drop weights" })).toBeVisible();
  await expect(page.getByTestId("export-button")).toBeEnabled();
  // The list says what the project takes: the pictures (600 × 32×32 bytes) and the run with its model.
  await expect(page.getByTestId("project-list").locator("[data-project-id]")).toContainText(
    /digits-png\.zip \(600 KB\) · 1 run \(\d+(\.\d)? (KB|MB)\)/,
  );
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: test.info().outputPath("image-project-reloaded.png") });
  // Try it answers exactly as before.
  expect(await tryPicture(page)).toEqual(answer);
  await page.getByTestId("misclassified-gallery").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("image-project-report.png") });
});
