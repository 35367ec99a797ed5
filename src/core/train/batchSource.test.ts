import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "../data/images/augment";
import { mulberry32 } from "../data/random";
import { analyzeGraph } from "../model/graph";
import { buildModel } from "../model/build";
import { imageCnnSpec } from "../model/imageTemplate";
import {
  exampleShape,
  featureRange,
  gatherFeatures,
  imageMemoryBytes,
  isImageSplit,
} from "./batchSource";
import { DEFAULT_TRAIN_CONFIG } from "./config";
import { evaluateSplit, trainLoop } from "./loop";
import { predictRows } from "./predictRows";
import type { ImageSplit, TrainingData } from "./types";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const side = 8;

/** Grayscale 8×8 bars: class 0 horizontal, class 1 vertical, at a random row or column. */
function bars(count: number, seed: number): ImageSplit {
  const rng = mulberry32(seed);
  const pixels = new Uint8Array(count * side * side);
  const y = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const at = 1 + Math.floor(rng() * (side - 2));
    y[i] = label;
    for (let k = 0; k < side; k++) {
      const [row, col] = label === 0 ? [at, k] : [k, at];
      pixels[i * side * side + row * side + col] = 200 + Math.floor(rng() * 55);
    }
  }
  return { pixels, y, rows: count };
}

function imageData(augment = false): TrainingData<ImageSplit> {
  return {
    task: "classification",
    featureCount: side * side,
    inputShape: [side, side, 1],
    classCount: 2,
    train: bars(80, 1),
    validation: bars(40, 2),
    targetScale: 1,
    ...(augment ? { augmentation: { ...DEFAULT_AUGMENTATION, enabled: true } } : {}),
  };
}

const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 6, batchSize: 16, learningRate: 0.01, seed: 5 };
// Without Dropout: tf.js draws its masks unseeded, and these tests compare runs.
const cnn = imageCnnSpec({ inputShape: [side, side, 1], classCount: 2 });
const spec = {
  ...cnn,
  nodes: cnn.nodes.map((n) =>
    n.type === "Dropout" ? { ...n, params: { ...n.params, rate: 0 } } : n,
  ),
};

describe("the batch source", () => {
  it("turns bytes into floats in [0, 1] for the rows asked, [n, featureCount]", () => {
    const pixels = Uint8Array.from([0, 255, 51, 102, 204, 255]);
    expect(Array.from(gatherFeatures(pixels, [2, 0], 2))).toEqual(
      [0.8, 1, 0, 1].map((v) => Math.fround(v)),
    );
    expect(Array.from(featureRange(pixels, 1, 2, 2))).toEqual(
      [0.2, 0.4].map((v) => Math.fround(v)),
    );
    const floats = Float32Array.from([1.5, -2, 3, 4]);
    expect(Array.from(gatherFeatures(floats, [1], 2))).toEqual([3, 4]);
    expect(featureRange(floats, 0, 1, 2)).toEqual(Float32Array.from([1.5, -2]));
    expect(exampleShape({ featureCount: 4 })).toEqual([4]);
    expect(exampleShape({ featureCount: 12, inputShape: [2, 2, 3] })).toEqual([2, 2, 3]);
    expect(isImageSplit(bars(2, 1))).toBe(true);
  });

  it("holds 20,000 images of 64×64×3 as 245 MB of bytes and hands out one batch of floats", () => {
    const count = 20_000;
    const perImage = 64 * 64 * 3;
    expect(imageMemoryBytes(count, 64, 3, 32)).toEqual({ stored: 245_760_000, batch: 1_572_864 });
    const pixels = new Uint8Array(count * perImage);
    pixels[(count - 1) * perImage] = 255;
    const batch = gatherFeatures(pixels, [count - 1, 0], perImage);
    expect(batch).toHaveLength(2 * perImage);
    expect(batch[0]).toBe(1);
    expect(batch[perImage]).toBe(0);
  });
});

describe("training on images", () => {
  it("the proposed CNN follows [H, W, C] and ends in one unit per class", () => {
    const analysis = analyzeGraph(imageCnnSpec({ inputShape: [28, 28, 1], classCount: 10 }));
    expect(analysis.isValid).toBe(true);
    expect(analysis.nodes["flatten_1"]?.shape).toEqual([null, 7 * 7 * 32]);
    expect(analysis.nodes["output"]?.shape).toEqual([null, 10]);
    const big = imageCnnSpec({ inputShape: [96, 96, 3], classCount: 3 });
    expect(big.nodes.filter((n) => n.type === "Conv2D")).toHaveLength(3);
  });

  it("learns bars from bytes a batch at a time, leaking no tensors", async () => {
    const data = imageData();
    const model = buildModel(tf, spec, { seed: 3 });
    const before = tf.memory().numTensors;
    const outcome = await trainLoop(model, data, { ...config, epochs: 6 });
    expect(outcome.history.at(-1)?.valMetric).toBeGreaterThanOrEqual(0.9);
    expect(tf.memory().numTensors).toBe(before);
    const outputs = await predictRows(model, data.validation.pixels, 40, side * side, 16, [
      side,
      side,
      1,
    ]);
    expect(outputs).toHaveLength(80);
    const evaluation = await evaluateSplit(model, data, data.validation, 7);
    expect(evaluation?.metric).toBeCloseTo(outcome.history.at(-1)?.valMetric ?? NaN, 5);
    model.dispose();
  });

  it("augments on the fly with the seed: same seed same run, and still learns", async () => {
    const run = async (seed: number) => {
      const model = buildModel(tf, spec, { seed: 3 });
      const outcome = await trainLoop(model, imageData(true), { ...config, epochs: 2, seed });
      model.dispose();
      return outcome.history.map((m) => m.loss);
    };
    const first = await run(5);
    expect(await run(5)).toEqual(first);
    expect(await run(6)).not.toEqual(first);
    const plain = buildModel(tf, spec, { seed: 3 });
    // As many epochs as the augmented runs, so that the losses differ by value, not by length.
    const plainLosses = (await trainLoop(plain, imageData(false), { ...config, epochs: 2 }))
      .history;
    plain.dispose();
    expect(plainLosses.map((m) => m.loss)).not.toEqual(first);
  });
});
