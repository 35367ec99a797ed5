import { readFileSync } from "node:fs";
import { unzipSync } from "fflate";
import { expect, test } from "@playwright/test";
import { Studio } from "./studio";

const transferZip = readFileSync("tests/fixtures/shapes-transfer.zip");

// That the head beats raw pixels and a CNN from scratch on these shapes is an accuracy floor in
// npm run bench:accuracy; this test follows the way there: load, refuse, use, train, export.
test("shapes the backbone never saw: a head on the shipped backbone (loaded by URL) trains and exports whole; the linear model on its features is a run to try and share", async ({
  page,
  browser,
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

  // The report has the linear column and verdict tables have: on the backbone the linear model is
  // logistic regression on its features, and "Use the linear model" makes it the model (the frozen
  // backbone, then one Dense softmax). Once e2e/picture-linear.spec.ts, which trained it again.
  const table = page.getByTestId("eval-table");
  const linearAccuracy = Number(
    await table
      .locator('[data-baseline="accuracy"][data-source="linear"]')
      .first()
      .getAttribute("data-value"),
  );
  // Four shapes: chance is 0.25; the backbone's features make them easy for a linear model.
  expect(linearAccuracy).toBeGreaterThan(0.5);
  const verdict = page.getByTestId("linear-verdict");
  await expect(verdict).toContainText("A linear model (logistic regression) scores");
  await expect(verdict).toContainText("It was fitted on the 64 features of the frozen shapes-cnn.");
  await verdict.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-verdict.png" });
  await table.locator('[data-source="linear"]').first().scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-column.png" });

  await page.getByTestId("use-linear-model").click();
  await expect(page.getByTestId("linear-model-note")).toContainText(
    "logistic regression, fitted on the training split in one go, on the 64 features of the frozen shapes-cnn",
  );
  // Its report is the linear column's, and the canvas shows the backbone then one Dense layer.
  // The new report is drawn deferred (the note is not): wait for it, not for the old one.
  await studio.reportDrawn();
  await expect.poll(() => studio.metric("accuracy")).toBe(linearAccuracy);
  const canvas = page.getByTestId("model-canvas");
  await expect(canvas.locator('[data-pretrained-block="shapes-cnn"]')).toBeVisible();
  await expect(canvas.locator('[data-layer-type="Dropout"]')).toHaveCount(0);
  await page.getByTestId("linear-model-note").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/picture-linear-run.png" });

  // Try it answers with the linear model.
  const tryIt = page.getByTestId("predict-panel");
  await tryIt.scrollIntoViewIfNeeded();
  await expect(page.getByTestId("prediction").first()).toHaveAttribute("data-predicted", /.+/, {
    timeout: 30_000,
  });

  // Shared as a hosted link (the server checks the bundle and serves it): the page says what it is.
  await page.getByTestId("share-mode-select").selectOption("hosted");
  await page.getByTestId("share-button").click();
  const link = page.getByTestId("share-link");
  await expect(link).toHaveValue(/\/s\/[A-Za-z0-9_-]+$/, { timeout: 60_000 });
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto(await link.inputValue());
  await expect(visitor.getByTestId("shared-view")).toHaveAttribute("data-state", "ready");
  await expect(visitor.getByTestId("shared-linear-fit")).toContainText(
    "logistic regression) fitted on the training pictures in one go, on the 64 features of the frozen shapes-cnn",
  );
  const sharedAccuracy = await visitor
    .getByTestId("eval-table")
    .locator('[data-metric="accuracy"]')
    .first()
    .getAttribute("data-value");
  expect(Number(sharedAccuracy)).toBe(linearAccuracy);
  await visitor.getByTestId("shared-linear-fit").scrollIntoViewIfNeeded();
  await visitor.screenshot({ path: "test-results/picture-linear-shared.png" });
  await context.close();
});
