import { readFileSync } from "node:fs";
import { unzipSync, zipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

const digits = unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
/** Three digits (0, 1 and 7: about 180 pictures), so a short run learns something. */
const threeDigits = Buffer.from(
  zipSync(Object.fromEntries(Object.entries(digits).filter(([name]) => /^[017]\//.test(name)))),
);
const seven = readFileSync("tests/fixtures/digit-7.png");

test("try it with a picture: probabilities, a saliency map over it, and an alert for a non-picture", async ({
  page,
  browser,
}) => {
  // Three saliency maps, each a few seconds of occlusion on the predict worker's cpu backend.
  test.setTimeout(600_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("three-digits.zip", threeDigits, "3 classes");
  await studio.trainPictures({ epochs: 2, batch: 8 });

  const panel = page.getByTestId("predict-panel");
  const prediction = panel.getByTestId("prediction");
  // The first test picture is answered at once; "Another test picture" moves on.
  await expect(panel.getByText(/Test picture 1 of \d+/).first()).toBeVisible();
  await expect(prediction.locator("[data-class]")).toHaveCount(3);
  await panel.getByRole("button", { name: "Another test picture" }).click();
  await expect(panel.getByText(/Test picture 2 of \d+/).first()).toBeVisible();

  // A picture pressed in the report opens in Try it: shown, answered and brought into view.
  const cells = page.getByTestId("confusion-matrix").locator("[data-actual][data-predicted]");
  const diagonal = await cells.evaluateAll((items) =>
    items
      .filter((c) => c.getAttribute("data-actual") === c.getAttribute("data-predicted"))
      .sort((a, b) => Number(b.getAttribute("data-count")) - Number(a.getAttribute("data-count")))
      .map((c) => c.getAttribute("data-actual")),
  );
  const cls = diagonal[0] ?? "";
  await page
    .getByTestId("confusion-matrix")
    .locator(`[data-actual="${cls}"][data-predicted="${cls}"]`)
    .getByRole("button")
    .click();
  await expect(page.getByText(/Under each picture: its actual class/)).toBeVisible();
  await page
    .getByTestId("confusion-examples")
    .getByRole("button", { name: /Open in Try it/ })
    .first()
    .click();
  await expect(
    panel.getByText(`(its class is “${cls}”), as the model sees it`).first(),
  ).toBeVisible();
  await expect(page.getByTestId("image-try-it")).toBeInViewport();
  await expect(prediction.locator("[data-class]")).toHaveCount(3);

  // A picture of one's own, through the file input: decoded in the data worker at 32×32.
  await panel.locator("input[type=file]").setInputFiles({
    name: "digit-7.png",
    mimeType: "image/png",
    buffer: seven,
  });
  await expect(panel.getByText("“digit-7.png”, as the model sees it")).toBeVisible();
  await expect(prediction.locator("[data-class]")).toHaveCount(3);
  const probabilities = await prediction
    .locator("[data-class]")
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-probability"))));
  expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  const predicted = await prediction.getAttribute("data-predicted");
  console.log(`digit-7.png: predicted ${predicted}, probabilities ${probabilities.join(", ")}`);

  // The occlusion map lies over the picture, with a legend in words.
  const map = panel.getByTestId("saliency-map");
  await expect(map).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId("saliency-legend")).toContainText(
    `lowers the probability of “${predicted}”`,
  );
  const pictureBox = await panel.getByTestId("try-picture").boundingBox();
  expect(await map.boundingBox()).toEqual(pictureBox);
  await panel.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: test.info().outputPath("try-picture.png") });

  // A file that is not a picture: an alert, and the last answer stays.
  await panel.locator("input[type=file]").setInputFiles({
    name: "notes.txt",
    mimeType: "text/plain",
    buffer: Buffer.from("not a picture"),
  });
  await expect(panel.getByRole("alert")).toContainText(
    "“notes.txt” is not a picture this browser can read",
  );
  await expect(prediction).toHaveAttribute("data-predicted", predicted ?? "");
  await expect(panel.getByText("“digit-7.png”, as the model sees it")).toBeVisible();

  // A picture pasted from the clipboard, and one dropped on the panel, are answered the same way.
  await page.evaluate(
    (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "image.png", { type: "image/png" }));
      document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer }));
    },
    [...seven],
  );
  await expect(panel.getByText("“image.png”, as the model sees it")).toBeVisible();
  await expect(panel.getByRole("alert")).toHaveCount(0);
  await expect(prediction).toHaveAttribute("data-predicted", predicted ?? "");
  const dropped = await page.evaluateHandle(
    (bytes) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(bytes)], "dropped.png", { type: "image/png" }));
      return transfer;
    },
    [...seven],
  );
  await panel.locator(".picture-drop").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(panel.getByText("“dropped.png”, as the model sees it")).toBeVisible();
  await expect(panel.getByTestId("saliency-map")).toBeVisible({ timeout: 120_000 });

  // The exported bundle opened in a fresh page without the pictures: try-it starts from the
  // model's own sample pictures, and the same picture gets the same probabilities.
  const download = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const zipPath = await (await download).path();
  const fresh = await (await browser.newContext()).newPage();
  await new Studio(fresh).open();
  await fresh.getByTestId("bundle-import").locator("input[type=file]").setInputFiles(zipPath);
  await expect(fresh.getByTestId("bundle-import").getByRole("status")).toContainText("Opened");
  const freshPanel = fresh.getByTestId("predict-panel");
  await expect(freshPanel.getByText(/Test picture 1 of \d+/).first()).toBeVisible();
  await freshPanel.locator("input[type=file]").setInputFiles({
    name: "digit-7.png",
    mimeType: "image/png",
    buffer: seven,
  });
  await expect(freshPanel.getByText("“digit-7.png”, as the model sees it")).toBeVisible();
  const freshPrediction = freshPanel.getByTestId("prediction");
  await expect(freshPrediction).toHaveAttribute("data-predicted", predicted ?? "");
  const freshProbabilities = await freshPrediction
    .locator("[data-class]")
    .evaluateAll((items) => items.map((item) => Number(item.getAttribute("data-probability"))));
  console.log(`imported: ${freshProbabilities.join(", ")}`);
  freshProbabilities.forEach((p, i) => expect(p).toBeCloseTo(probabilities[i] ?? NaN, 6));
  await expect(freshPanel.getByTestId("saliency-map")).toBeVisible({ timeout: 120_000 });
});

test("augmentation is off by default; switching one on previews it on a picture before training", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("three-digits.zip", threeDigits, "3 classes");
  const settings = page.getByTestId("augmentation-settings");
  await expect(settings.getByRole("checkbox")).toHaveCount(6);
  for (const box of await settings.getByRole("checkbox").all()) await expect(box).not.toBeChecked();
  await expect(page.getByTestId("augmentation-preview")).toHaveCount(0);

  await settings.getByRole("checkbox", { name: "Rotate" }).check();
  await settings.getByRole("checkbox", { name: "Zoom" }).check();
  const preview = page.getByTestId("augmentation-preview");
  await expect(preview.locator('[data-kind="rotation"] canvas')).toHaveCount(6);
  await expect(preview.locator('[data-kind="zoom"] canvas')).toHaveCount(6);
  await expect(preview.locator('[data-kind="all"] canvas')).toHaveCount(6);
  await expect(settings).toContainText("±10°");
  // Seeded variants differ from each other (a picture is turned by a different angle each time).
  const variants = await preview
    .locator('[data-kind="rotation"] canvas')
    .evaluateAll((canvases) => (canvases as HTMLCanvasElement[]).map((c) => c.toDataURL()));
  expect(new Set(variants).size).toBeGreaterThan(1);
  await preview.evaluate((element) => element.scrollIntoView({ block: "center" }));
  await page.screenshot({ path: test.info().outputPath("augmentation-preview.png") });
  await settings.getByRole("checkbox", { name: "Rotate" }).uncheck();
  await settings.getByRole("checkbox", { name: "Zoom" }).uncheck();
  await expect(preview).toHaveCount(0);
});

test("uneven classes get a warning that turns on balanced class weights; loose pictures are explained and the dataset stays", async ({
  page,
}) => {
  const studio = new Studio(page);
  await studio.open();
  // 0: 68 pictures, 7: all of them, 1: only 10.
  let ones = 0;
  const uneven = Object.fromEntries(
    Object.entries(digits).filter(([name]) => {
      if (name.startsWith("1/")) return ++ones <= 10;
      return /^[07]\//.test(name);
    }),
  );
  await studio.dropPictures("uneven.zip", zipSync(uneven), "3 classes");
  const warning = page.getByTestId("imbalance-warning");
  await expect(warning).toHaveAttribute("role", "status");
  await expect(warning).toContainText("“1” only 10");
  await warning.getByRole("button", { name: "Use balanced class weights" }).click();
  await expect(page.getByLabel("Class weights")).toHaveValue("balanced");
  await expect(warning).toContainText("Balanced class weights are on");
  await warning.getByRole("button", { name: "Count every picture the same" }).click();
  await expect(page.getByLabel("Class weights")).toHaveValue("none");

  // Pictures picked on their own sit in no class folder: an alert with an example; the zip stays.
  const loose = Object.entries(digits)
    .filter(([name]) => name.startsWith("3/"))
    .slice(0, 3)
    .map(([name, bytes]) => ({
      name: name.split("/")[1] ?? name,
      mimeType: "image/png",
      buffer: Buffer.from(bytes),
    }));
  await page
    .getByTestId("dataset-drop")
    .locator("input[type=file]:not([webkitdirectory])")
    .setInputFiles(loose);
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("3 pictures are in no class folder");
  await expect(alert).toContainText("for example cats/1.png, cats/2.png, dogs/1.png");
  await expect(alert).toContainText("“uneven.zip” are still loaded");
  await expect(page.getByTestId("dataset-summary")).toContainText("uneven.zip");
});
