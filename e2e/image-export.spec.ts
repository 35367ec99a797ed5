import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { strFromU8, unzipSync, zipSync } from "fflate";
import onnxProto from "onnx-proto";
import * as ort from "onnxruntime-web";
import { expectLinksShowWholeReport, ownerReport, reportFigures } from "./reportLinks";
import { Studio } from "./studio";

/**
 * An image model leaves the studio and comes back: the digits 0 and 1 (129 real pictures, so the
 * CNN trains in a second on wasm) → a binary CNN whose decision threshold is moved in the
 * report → the bundle (network input [batch, 32, 32, 1], preprocessing.json, the threshold in
 * metrics.json and the card, a v2 example ONNX Runtime answers) → imported into a fresh page.
 */
// onnx-proto is CommonJS: Playwright's loader sees only its default export.
const { onnx } = onnxProto;
const digits = unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
const zerosAndOnes = Buffer.from(
  zipSync(Object.fromEntries(Object.entries(digits).filter(([name]) => /^[01]\//.test(name)))),
);

interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: number[];
}

test("digits CNN → links with the whole report → bundle with [batch,32,32,1] ONNX, preprocessing and threshold → imported into a fresh page", async ({
  page,
  browser,
}) => {
  const studio = new Studio(page);
  await studio.open();
  await studio.dropPictures("zeros-ones.zip", zerosAndOnes, "129 images · 2 classes");
  await studio.trainPictures({ epochs: 1, batch: 8 });
  // Words for pictures and for one epoch.
  await expect(page.getByTestId("training-status")).toContainText("trained for 1 epoch.");
  await expect(page.getByTestId("one-epoch-note").first()).toBeVisible();
  await expect(page.getByText(/Tested on \d+ pictures the model never saw/)).toBeVisible();
  // Inline and hosted links show every figure of the owner's report, in words for pictures (once
  // report-link.spec.ts, which trained a picture model of its own for it).
  const owner = await reportFigures(ownerReport(page));
  const metricCells = Object.keys(owner).filter((key) => key.startsWith("metric "));
  expect(metricCells.filter((key) => key.startsWith("metric roc_auc|"))).not.toHaveLength(0);
  expect(metricCells).toContain("metric log_loss||");
  expect(owner["calibration caption"]).toContain("share of test pictures");
  expect(owner["accuracy explanation"]).toBe(
    "Share of test pictures whose class the model got right (1 means all of them).",
  );
  await expectLinksShowWholeReport(page, browser, owner, "report-link-pictures.png");

  const accuracy = await studio.metric("accuracy");
  await page.getByTestId("threshold-input").fill("0.35");
  await expect(page.getByTestId("threshold-input")).toHaveValue("0.35");

  const downloadPromise = page.waitForEvent("download");
  await page.getByTestId("export-button").click();
  const download = await downloadPromise;
  await expect(page.getByTestId("export-status")).toHaveText(
    `Downloaded ${download.suggestedFilename()}.`,
  );
  // A picture model is named after its file alone (not "zeros-ones-label").
  expect(download.suggestedFilename()).toMatch(/^zeros-ones[.-]/);
  expect(download.suggestedFilename()).not.toContain("label");
  const zipPath = await download.path();
  const files = unzipSync(new Uint8Array(readFileSync(zipPath)));
  const names = Object.keys(files);
  const json = (name: string) => JSON.parse(strFromU8(files[name] ?? new Uint8Array()));
  expect(names).not.toContain("onnx/pipeline.onnx");
  const triton = names.find((n) => /^triton\/[a-z0-9-]+\/1\/model\.onnx$/.test(n)) ?? "";
  expect(triton, names.join(", ")).not.toBe("");

  // The network's input, read from the ONNX graph itself: [batch, 32, 32, 1] float32.
  const graph = onnx.ModelProto.decode(files["onnx/model.onnx"] ?? new Uint8Array()).graph;
  const input = graph?.input?.[0];
  expect(input?.type?.tensorType?.elemType).toBe(onnx.TensorProto.DataType.FLOAT);
  expect(input?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue))).toEqual(
    ["batch", 32, 32, 1],
  );
  expect(json("preprocessing.json").image).toEqual({
    size: 32,
    channels: 1,
    fit: "pad",
    scaling: "unit",
    classNames: ["0", "1"],
  });
  expect(strFromU8(files[triton.replace("1/model.onnx", "config.pbtxt")]!)).toContain(
    "dims: [ 32, 32, 1 ]",
  );
  expect(json("metrics.json").decisionThreshold).toEqual({
    positiveClass: "1",
    threshold: 0.35,
    chosen: true,
  });
  const card = strFromU8(files["model-card.md"] ?? new Uint8Array());
  expect(card).toContain("Decision: predicts `1` when p ≥ 0.35");
  expect(card).toContain("shape [batch, 32, 32, 1], FP32");
  const stored = json("trained-model.json");
  expect(stored.decisionThreshold).toBe(0.35);
  expect(stored.sampleImages).toHaveLength(8);
  expect(stored.sampleImages[0].shape).toEqual([32, 32, 1]);

  // The v2 example (a real test picture) through ONNX Runtime gives the answer the bundle states.
  const request = json("examples/v2-request.json") as { inputs: V2Tensor[] };
  const response = json("examples/v2-response.json") as { outputs: V2Tensor[] };
  expect(request.inputs[0]?.shape).toEqual([1, 32, 32, 1]);
  const session = await ort.InferenceSession.create(files[triton] ?? new Uint8Array());
  const [req] = request.inputs;
  const results = await session.run({
    [req!.name]: new ort.Tensor("float32", Float32Array.from(req!.data), req!.shape),
  });
  await session.release();
  const got = Array.from(results[response.outputs[0]!.name]!.data as Float32Array);
  const largest = Math.max(...got.map((v, i) => Math.abs(v - response.outputs[0]!.data[i]!)));
  expect(largest).toBeLessThanOrEqual(1e-5);
  console.log(`digits 0/1: accuracy ${accuracy}; v2 example within ${largest} of ONNX Runtime`);

  // The share step says the link carries test pictures (not "0 test rows").
  await expect(page.getByText(/only up to 8 test pictures, to try it on/)).toBeVisible();
  // Inline and hosted links open in a fresh browser with the card (pictures, threshold) and report.
  for (const mode of ["inline", "hosted"] as const) {
    await page.getByTestId("share-mode-select").selectOption(mode);
    if (mode === "hosted") {
      // The hosted link made above shows the model before its threshold moved: version 2 does.
      await page.getByTestId("share-update-button").click();
      await expect(page.getByTestId("share-version")).toHaveAttribute("data-version", "2");
    } else await page.getByTestId("share-button").click();
    const link = page.getByTestId("share-link");
    await expect(link).toHaveValue(mode === "inline" ? /#m=[A-Za-z0-9_-]+$/ : /\/s\/[\w-]+$/);
    if (mode === "inline") {
      // Past 100,000 characters the studio says the link is too long for chat and e-mail.
      const long = (await link.inputValue()).length > 100_000;
      await expect(page.getByTestId("share-long-link")).toHaveCount(long ? 1 : 0);
    }
    const visitor = await (await browser.newContext()).newPage();
    await visitor.goto(await link.inputValue());
    const view = visitor.getByTestId("shared-view");
    await expect(view).toHaveAttribute("data-state", "ready");
    await expect(view).toContainText("Pictures resized to 32×32 (pad), grayscale");
    await expect(view.getByTestId("shared-threshold")).toHaveText(
      "“1” when its probability is at least 0.35",
    );
    await expect(view).toContainText(/Measured by its author on \d+ test pictures/);
    const cell = view.getByTestId("eval-table").locator('[data-metric="accuracy"]').first();
    expect(Number(await cell.getAttribute("data-value"))).toBe(accuracy);
    await visitor.context().close();
  }

  // A fresh page opens the bundle: the CNN on the canvas, its report, and the same model again.
  const fresh = await (await browser.newContext()).newPage();
  await new Studio(fresh).open();
  await fresh.getByTestId("bundle-import").locator("input[type=file]").setInputFiles(zipPath);
  await expect(fresh.getByTestId("bundle-import").getByRole("status")).toContainText("Opened");
  const canvas = fresh.getByTestId("model-canvas");
  await expect(canvas.locator('[data-layer-type="Conv2D"]')).toHaveCount(2);
  await expect(canvas.locator("[data-layer-type]")).toHaveCount(json("spec.json").nodes.length);
  await expect(fresh.getByText(/tested on \d+ pictures of zeros-ones\.zip/)).toBeVisible();
  expect(Number(await new Studio(fresh).metric("accuracy"))).toBe(accuracy);
  await expect(fresh.getByTestId("imported-threshold")).toContainText(
    "call a picture “1” when its probability is at least 0.35",
  );
  await fresh.getByRole("heading", { name: "Evaluation" }).scrollIntoViewIfNeeded();
  await fresh.screenshot({ path: test.info().outputPath("imported-image-report.png") });

  // Exported again from the fresh page, it is the same model: pictures, threshold, preprocessing.
  const again = fresh.waitForEvent("download");
  await fresh.getByTestId("export-button").click();
  const reexported = unzipSync(new Uint8Array(readFileSync(await (await again).path())));
  const storedAgain = JSON.parse(strFromU8(reexported["trained-model.json"]!));
  expect(storedAgain).toEqual(stored);
});
