import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

const digitsZip = readFileSync("tests/fixtures/digits-png.zip");
const digits = unzipSync(new Uint8Array(digitsZip));

test("digits zip: decoded in the worker into 600 images · 10 classes, a gallery and a CNN", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropFile("digits-png.zip", digitsZip, "application/zip");
  const summary = page.getByTestId("dataset-summary");
  await expect(summary).toContainText("600 images · 10 classes");
  await expect(summary).toContainText("32×32×1");
  const gallery = page.getByTestId("image-gallery");
  await expect(gallery.locator("[data-class]")).toHaveCount(10);
  await expect(gallery.locator('[data-class="0"]')).toHaveAttribute("data-count", "68");
  await expect(gallery.locator('[data-class="0"] canvas')).toHaveCount(8);
  await expect(page.getByTestId("image-size-input")).toHaveValue("32");
  await expect(page.getByTestId("image-color-select")).toHaveValue("grayscale");
  // Conv 16 (160) + conv 32 (4,640) + dense 64 on 8×8×32 (131,136) + head 10 (650).
  await expect(page.getByTestId("model-summary")).toHaveAttribute("data-params", "136586");
  // The proposed CNN is drawn on the canvas, not the "No model yet" placeholder.
  const canvas = page.getByTestId("model-canvas");
  await expect(canvas.locator('[data-layer-type="Conv2D"]')).toHaveCount(2);
  await expect(canvas).not.toContainText("No model yet");
  await page.screenshot({ path: test.info().outputPath("image-gallery.png") });

  // A new size decodes again; the gallery follows.
  await page.getByTestId("image-fit-select").selectOption("crop");
  await expect(page.getByTestId("image-fit-select")).toHaveValue("crop");
  await expect(summary).toContainText("600 images · 10 classes");
});

test("a folder of class folders loads through the folder input; a corrupt file is reported and skipped", async ({
  page,
}, testInfo) => {
  const root = testInfo.outputPath("shapes");
  for (const [name, bytes] of Object.entries(digits)) {
    const [label] = name.split("/");
    if (!label || !["3", "7", "8"].includes(label)) continue;
    mkdirSync(join(root, label), { recursive: true });
    writeFileSync(join(root, name), bytes);
  }
  writeFileSync(join(root, "7", "broken.png"), Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
  writeFileSync(join(root, "notes.txt"), "not a picture");

  const studio = new Studio(page);
  await studio.open();
  await page.getByTestId("dataset-drop").locator("input[webkitdirectory]").setInputFiles(root);
  await expect(page.getByTestId("dataset-summary")).toContainText("174 images · 3 classes");
  const classes = await page
    .getByTestId("image-gallery")
    .locator("[data-class]")
    .evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-class")));
  expect(classes).toEqual(["3", "7", "8"]);
  const status = page.getByRole("status").filter({ hasText: "could not be read" });
  await expect(status).toContainText("1 file could not be read: shapes/7/broken.png");
  await expect(status).toContainText("skipped: shapes/notes.txt");
});

test("a zip with one class is refused with an alert and the loaded images stay", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  const zeros = Object.fromEntries(Object.entries(digits).filter(([n]) => n.startsWith("0/")));
  await studio.dropFile("zeros.zip", Buffer.from(zipSync(zeros)), "application/zip");
  await expect(page.getByRole("alert")).toContainText('All images are in one class ("0")');
  await expect(page.getByRole("alert")).toContainText("are still loaded");
  await expect(page.getByTestId("dataset-summary")).toContainText("600 images · 10 classes");
});

test("digits zip → the proposed CNN on wasm → a report with its mistakes shown as images", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("digits-png.zip", digitsZip, "600 images · 10 classes");
  // 4 epochs of batch 8, as the accuracy floor's run (npm run bench:accuracy) trains it.
  const trainingMs = await studio.trainPictures({ epochs: 4, batch: 8 });
  const accuracy = await studio.metric("accuracy");
  console.log(
    `digits-png on wasm: test accuracy ${accuracy} after ${(trainingMs / 1000).toFixed(0)} s`,
  );
  await expect(page.getByTestId("backend-badge")).toHaveText("wasm");
  const mistakes = page.getByTestId("misclassified-gallery").locator("[data-actual]");
  const mistakeCount = await mistakes.count();
  expect(mistakeCount).toBeGreaterThan(0);
  const first = mistakes.first();
  expect(await first.getAttribute("data-actual")).not.toBe(
    await first.getAttribute("data-predicted"),
  );
  expect(Number(await first.getAttribute("data-confidence"))).toBeGreaterThan(0);
  await expect(first.locator("canvas")).toBeVisible();
  await page.getByTestId("misclassified-gallery").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("image-mistakes.png") });

  // A click on the "3 → 3" cell shows exactly that cell's pictures.
  const cell = page
    .getByTestId("confusion-matrix")
    .locator('[data-actual="3"][data-predicted="3"]');
  const count = Number(await cell.getAttribute("data-count"));
  await cell.getByRole("button").click();
  const examples = page.getByTestId("confusion-examples").locator("[data-actual]");
  await expect(examples).toHaveCount(count);
  // The filtered pictures come into view, their heading focused (they lie far below the matrix).
  await expect(page.getByTestId("confusion-examples")).toBeInViewport();
  await expect(page.locator("#image-examples-heading")).toBeFocused();
  await expect(examples.first()).toHaveAttribute("data-predicted", "3");
  await page.getByTestId("confusion-matrix").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("image-report.png") });
});
