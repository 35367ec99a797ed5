import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

const transferZip = readFileSync("tests/fixtures/shapes-transfer.zip");

// That the head beats raw pixels and a CNN from scratch on these shapes is an accuracy floor in
// npm run bench:accuracy; this test follows the way there: load, refuse, use, train, export.
test("shapes the backbone never saw: a head on the shipped backbone (loaded by URL) trains and exports whole", async ({
  page,
}) => {
  test.setTimeout(600_000);
  const studio = new Studio(page);
  await studio.open();
  await studio.dropFile("shapes-transfer.zip", transferZip, "application/zip");
  await expect(page.getByTestId("dataset-summary")).toContainText("240 images · 4 classes");
  await page.getByLabel("Training %").fill("50");
  await page.getByLabel("Validation %").fill("10");
  await page.getByLabel("Test %").fill("40");

  const source = page.getByTestId("pretrained-source");
  // Bad input first: nothing is loaded, and an alert says what to do.
  await source.locator("input[type=url]").fill("http://127.0.0.1:9/none/model.json");
  await source.getByRole("button", { name: "Load", exact: true }).click();
  await expect(source.getByRole("alert")).toContainText("Could not load model.json");

  await source.getByRole("button", { name: "Try the studio's shapes backbone" }).click();
  const loaded = source.locator('[data-backbone="shapes-cnn"]');
  await expect(loaded).toContainText("takes 32×32×3 pictures");
  await expect(loaded).toContainText("global_average_pooling2d_1, giving 64 features");
  await expect(source.locator("input[type=url]")).toHaveValue(
    /\/backbones\/shapes-cnn\/model\.json$/,
  );

  // A page that is not a model: an alert, and the backbone already loaded stays.
  await source.locator("input[type=url]").fill(new URL("/samples/iris.csv", page.url()).href);
  await source.getByRole("button", { name: "Load", exact: true }).click();
  await expect(source.getByRole("alert")).toContainText("not a tf.js model");
  await expect(loaded).toBeVisible();

  await source.getByRole("button", { name: /Use it/ }).click();
  const block = page.getByTestId("model-canvas").locator('[data-pretrained-block="shapes-cnn"]');
  await expect(block).toHaveAttribute("data-output-shape", "[null,64]");
  await expect(block).toHaveAttribute("data-trainable-params", "0");
  await expect(block).toContainText("Pretrained: shapes-cnn");
  // Shapes in words, as on the other layers: no "[null,64]" for a person to decode.
  await expect(block).toContainText("output 64 · 23,920 params");
  // The proposed head: one Dense softmax with an L2 penalty (bench/picture-heads.mjs), no Dropout,
  // and the learning rate measured for it.
  await expect(page.getByTestId("model-canvas").locator('[data-layer-type="Dropout"]')).toHaveCount(
    0,
  );
  await expect(page.getByTestId("learning-rate-input")).toHaveValue("0.01");
  await page.getByTestId("model-canvas").scrollIntoViewIfNeeded();
  await page.screenshot({ path: test.info().outputPath("transfer-canvas.png") });
  await block.getByRole("button", { name: /Show its/ }).click();
  await expect(block.locator("li")).toHaveCount(13);
  await page.screenshot({ path: test.info().outputPath("transfer-canvas-open.png") });

  // A short head run: the features are computed once, then each epoch is the head's alone.
  await page.getByTestId("epochs-input").fill("10");
  await page.getByTestId("epochs-input").blur();
  const started = Date.now();
  await studio.train("cpu");
  const seconds = (Date.now() - started) / 1000;
  const accuracy = await studio.metric("accuracy");
  console.log(
    `transfer head on shapes-cnn, cpu: test accuracy ${accuracy} in ${seconds.toFixed(0)} s`,
  );

  // The bundle carries the whole network: backbone layers (still grouped) and head, in ONNX too.
  await page.getByTestId("export-button").scrollIntoViewIfNeeded();
  const downloadPromise = page.waitForEvent("download", { timeout: 120_000 });
  await page.getByTestId("export-button").click();
  const download = await downloadPromise;
  const files = unzipSync(new Uint8Array(readFileSync(await download.path())));
  expect(Object.keys(files)).toEqual(
    expect.arrayContaining(["onnx/model.onnx", "tfjs/model.json", "spec.json"]),
  );
  const spec = JSON.parse(new TextDecoder().decode(files["spec.json"]));
  const nodes = (spec.nodes ?? spec.spec?.nodes) as Array<{ group?: string; type: string }>;
  expect(nodes.filter((n) => n.group === "shapes-cnn")).toHaveLength(13);
  expect(nodes.filter((n) => n.type === "Conv2D")).toHaveLength(3);
});
