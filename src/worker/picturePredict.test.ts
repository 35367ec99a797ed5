import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { pngDecoder } from "../../tests/support/pngTesting";
import { readZipImages } from "../core/data/images/zip";
import { makeIrisModel } from "../../tests/support/testModels";
import { buildModel } from "../core/model/build";
import { imageCnnSpec } from "../core/model/imageTemplate";
import type { TrainedModel } from "../core/project/trainedModel";
import { storeModelWeights } from "../core/train/state";
import { LocalImageService } from "./imageService";
import { LocalPredictService } from "./predictService";

const classNames = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
const digits = readZipImages(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
const seven = digits.files.find((f) => f.name.startsWith("7/"));
let model: TrainedModel;
let table: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  table = await makeIrisModel(1);
  // The proposed digits CNN with its seeded initial weights: try-it needs no training to be checked.
  const spec = imageCnnSpec({ inputShape: [32, 32, 1], classCount: 10 });
  const network = buildModel(tf, spec, { seed: 1 });
  const weights = await storeModelWeights(network);
  network.dispose();
  model = {
    ...table,
    spec,
    weights,
    labels: classNames,
    preprocessing: {
      version: 1,
      task: "classification",
      inputs: [],
      featureNames: [],
      label: { kind: "classes", column: "label", classNames },
      image: { size: 32, channels: 1, fit: "pad", scaling: "unit", classNames },
    },
    sampleRows: [],
  };
});

async function sevenPixels(): Promise<Uint8Array> {
  if (!seven) throw new Error("fixture has no 7");
  const service = new LocalImageService(pngDecoder);
  const result = await service.decodePicture(new Blob([seven.bytes as BlobPart]), "7.png", {
    size: 32,
    channels: 1,
    fit: "pad",
  });
  if (!result.ok) throw new Error(result.problem);
  return result.pixels;
}

describe("try-it with a picture (predict worker service)", () => {
  it("answers with each class's probability, exactly as the network on pixels / 255", async () => {
    const pixels = await sevenPixels();
    const service = new LocalPredictService();
    const prediction = await service.predictPicture(model, pixels);
    if (prediction.kind !== "classification") throw new Error("not classification");
    expect(prediction.probabilities.map((p) => p.className)).toEqual(classNames);
    const total = prediction.probabilities.reduce((sum, p) => sum + p.probability, 0);
    expect(total).toBeCloseTo(1, 5);
    // The same floats through a network built separately from the same spec and seed.
    const network = buildModel(tf, model.spec, { seed: 1 });
    const direct = tf.tidy(() =>
      (
        network.predict(
          tf.tensor(
            Float32Array.from(pixels, (v) => v / 255),
            [1, 32, 32, 1],
          ),
        ) as tf.Tensor
      ).dataSync(),
    );
    network.dispose();
    prediction.probabilities.forEach((p, c) => expect(p.probability).toBeCloseTo(direct[c]!, 6));
    expect(prediction.predicted).toBe(classNames[direct.indexOf(Math.max(...direct))]);
  });

  it("maps the picture by occlusion: one heat value per pixel, 15×15 patches of 4 px", async () => {
    const pixels = await sevenPixels();
    const service = new LocalPredictService();
    const progress: number[] = [];
    const saliency = await service.pictureSaliency(model, pixels, 7, (done) => progress.push(done));
    expect(saliency.heat).toHaveLength(32 * 32);
    expect(saliency.patches).toBe(225);
    expect(saliency.patchSide).toBe(4);
    expect(progress.at(-1)).toBe(225);
    const prediction = await service.predictPicture(model, pixels);
    const seven = prediction.kind === "classification" ? prediction.probabilities[7] : undefined;
    expect(saliency.probability).toBeCloseTo(seven?.probability ?? NaN, 6);
    expect(saliency.heat.every(Number.isFinite)).toBe(true);
  });

  it("abandons a map when a newer picture is asked about, so the worker moves on at once", async () => {
    const pixels = await sevenPixels();
    const service = new LocalPredictService();
    const stale = service.pictureSaliency(model, pixels, 7, () => {});
    const newer = await service.predictPicture(
      model,
      pixels.map((v) => 255 - v),
    );
    expect(newer.kind).toBe("classification");
    await expect(stale).rejects.toThrow(/newer picture replaced this one/);
  });

  it("refuses pixels of another size, and a table model, saying why", async () => {
    const service = new LocalPredictService();
    await expect(service.predictPicture(model, new Uint8Array(16 * 16))).rejects.toThrow(
      /256 values but the model takes 32×32×1 = 1024/,
    );
    await expect(service.predictPicture(table, new Uint8Array(1024))).rejects.toThrow(
      /takes table rows, not pictures/,
    );
  });
});
