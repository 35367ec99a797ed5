/**
 * The picture report's linear model: fitted on the shipped backbone's features (or on the pictures
 * averaged down), it is a model like any other. tf.js built from its spec and weights answers as the
 * fit does, and its ONNX answers as tf.js does in the real ONNX Runtime.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { splitImageDataset } from "../data/images/split";
import {
  syntheticShapeSet,
  TRANSFER_PICTURE_SIZE,
  TRANSFER_SEED,
  TRANSFER_SHAPES,
} from "../../../tests/support/synthetic";
import { predictLogistic } from "../eval/logistic";
import { exportOnnxModel } from "../export/onnx/model";
import { poolPixels } from "../model/pictureLinearModel";
import { buildTrainedModel } from "../project/predict";
import { PIXEL_SCALE } from "../train/batchSource";
import type { AnyTrainingData, ImageSplit } from "../train/types";
import { runOnnx } from "../../../tests/support/ortTesting";
import { transferSpec } from "./compose";
import type { Backbone } from "./convert";
import { FeatureCache } from "./featureCache";
import { loadBackboneFromUrl } from "./load";
import { fitBackboneLinear, fitPixelLinear, type PictureLinearFit } from "./pictureLinear";

const SIZE = TRANSFER_PICTURE_SIZE;
const SHAPE = [SIZE, SIZE, 3];
const CLASSES = TRANSFER_SHAPES.length;
let backbone: Backbone;
let data: AnyTrainingData;
let test: ImageSplit;

beforeAll(async () => {
  await tf.setBackend("cpu");
  backbone = await loadBackboneFromUrl(
    "/backbones/shapes-cnn/model.json",
    async (url) => new Uint8Array(readFileSync(`public${url}`)),
  );
  // The transfer pictures (as tests/fixtures/shapes-transfer.zip), 30 per class.
  const set = syntheticShapeSet(TRANSFER_SHAPES, 30, SIZE, TRANSFER_SEED);
  const splits = splitImageDataset(
    { ...set, size: SIZE, channels: 3 },
    { train: 0.6, validation: 0.1, test: 0.3 },
    42,
  );
  data = {
    task: "classification",
    featureCount: SIZE * SIZE * 3,
    inputShape: SHAPE,
    classCount: CLASSES,
    train: splits.train,
    validation: splits.validation,
    targetScale: 1,
  };
  test = splits.test;
}, 60_000);

/** The tf.js model built from the fit's spec and weights, on the test pictures (÷255). */
function tfjsOutputs(fit: PictureLinearFit): Float32Array {
  const model = buildTrainedModel(tf, fit);
  try {
    return tf.tidy(() => {
      const x = tf.tensor(
        Float32Array.from(test.pixels, (v) => v * PIXEL_SCALE),
        [test.rows, ...SHAPE],
      );
      return (model.predict(x) as tf.Tensor).dataSync() as Float32Array;
    });
  } finally {
    model.dispose();
  }
}

async function onnxOutputs(fit: PictureLinearFit): Promise<Float32Array> {
  const bytes = exportOnnxModel(fit.spec, fit.weights);
  const input = fit.spec.inputs[0] as string;
  const output = fit.spec.outputs[0] as string;
  const result = await runOnnx(bytes, {
    [input]: {
      type: "float",
      values: Float32Array.from(test.pixels, (v) => v * PIXEL_SCALE),
      shape: [test.rows, ...SHAPE],
    },
  });
  return (result[output] as { data: Float32Array }).data;
}

function worst(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let most = 0;
  for (let i = 0; i < a.length; i++)
    most = Math.max(most, Math.abs((a[i] as number) - (b[i] as number)));
  return most;
}

function accuracy(outputs: ArrayLike<number>): number {
  let right = 0;
  for (let r = 0; r < test.rows; r++) {
    const row = Array.from({ length: CLASSES }, (_, k) => outputs[r * CLASSES + k] as number);
    if (row.indexOf(Math.max(...row)) === test.y[r]) right++;
  }
  return right / test.rows;
}

describe("poolPixels", () => {
  it("averages pool×pool windows, ÷255, in NHWC order as AveragePooling2D → Flatten", () => {
    // Two 4×4 two-channel pictures, pooled by 2: each output is its window's mean.
    const pixels = Uint8Array.from({ length: 2 * 4 * 4 * 2 }, (_, i) => (i * 37) % 256);
    const pooled = poolPixels(pixels, 2, 4, 2, 2);
    const expected = tf.tidy(() =>
      tf
        .avgPool(
          tf.tensor4d(
            Float32Array.from(pixels, (v) => v / 255),
            [2, 4, 4, 2],
          ),
          2,
          2,
          "valid",
        )
        .reshape([2, 8])
        .dataSync(),
    );
    expect(worst(pooled, expected)).toBeLessThan(1e-6);
    expect(() => poolPixels(pixels, 3, 4, 2, 2)).toThrow(/3 pictures/);
  });
});

describe("the linear model on raw pixels", () => {
  let fit: PictureLinearFit;
  beforeAll(() => {
    fit = fitPixelLinear(data, { x: test.pixels, rows: test.rows });
  });

  it("sees the pictures averaged down to 8×8 per channel: AveragePooling2D(4) → Flatten → Dense", () => {
    expect(fit.spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      "AveragePooling2D",
      "Flatten",
      "Dense",
    ]);
    expect(fit.spec.nodes[1]?.params).toMatchObject({ poolSize: [4, 4], strides: [4, 4] });
    expect(fit.fitted.features).toBe(8 * 8 * 3);
    expect(fit.inputs).toBe("the pictures averaged down to 8×8 per channel");
    // These shapes sit anywhere, in any colour: 8×8 averages hold too little to tell them apart on
    // new pictures (about chance), but the fit does learn its own training pictures.
    const train = data.train as ImageSplit;
    const seen = predictLogistic(
      fit.fitted,
      poolPixels(train.pixels, train.rows, SIZE, 3, 4),
      train.rows,
    );
    let right = 0;
    for (let r = 0; r < train.rows; r++) {
      const row = Array.from(seen.subarray(r * CLASSES, (r + 1) * CLASSES));
      if (row.indexOf(Math.max(...row)) === train.y[r]) right++;
    }
    expect(right / train.rows).toBeGreaterThan(0.9);
  });

  it("answers in tf.js as the fit does, and in ONNX Runtime as tf.js does (within 1e-4)", async () => {
    const layers = tfjsOutputs(fit);
    expect(worst(layers, fit.outputs)).toBeLessThan(1e-5);
    expect(worst(await onnxOutputs(fit), layers)).toBeLessThan(1e-4);
  });
});

describe("the linear model on the shipped backbone's features", () => {
  let fit: PictureLinearFit;
  const spec = () => transferSpec(backbone, CLASSES);
  beforeAll(async () => {
    fit = await fitBackboneLinear({
      spec: spec(),
      pretrained: backbone.weights,
      data,
      test: { x: test.pixels, rows: test.rows },
    });
  }, 60_000);

  it("is the frozen backbone then one Dense softmax, holding the pretrained weights as given", () => {
    const network = spec();
    const backboneIds = network.nodes.filter((n) => n.trainable === false).map((n) => n.id);
    expect(fit.spec.nodes.slice(0, -1).map((n) => n.id)).toEqual(backboneIds);
    const dense = fit.spec.nodes.at(-1);
    expect(dense?.type).toBe("Dense");
    expect(dense?.params).toMatchObject({ units: CLASSES, activation: "softmax" });
    const pretrained = new Map(backbone.weights.map((w) => [w.name, w]));
    const kept = fit.weights.filter((w) => pretrained.has(w.name));
    expect(kept.length).toBe(backbone.weights.length);
    for (const w of kept)
      expect(Array.from(w.values)).toEqual(Array.from(pretrained.get(w.name)!.values));
    expect(fit.inputs).toBe(`the ${fit.fitted.features} features of the frozen ${backbone.name}`);
  });

  it("answers in tf.js as the fit does, and in ONNX Runtime as tf.js does (within 1e-4)", async () => {
    const layers = tfjsOutputs(fit);
    expect(worst(layers, fit.outputs)).toBeLessThan(1e-4);
    expect(worst(await onnxOutputs(fit), layers)).toBeLessThan(1e-4);
    expect(accuracy(fit.outputs)).toBeGreaterThan(0.5);
  });

  it("fits on the training features the head's run cached, when it has them", async () => {
    // A cache holding other numbers under the same key: the fit must use them, not recompute.
    const cache = new FeatureCache();
    const { featureCacheKey } = await import("./featureCache");
    const { frozenSplit } = await import("./frozen");
    const network = spec();
    const split = frozenSplit(network)!;
    const width = fit.fitted.features;
    const zeros = {
      train: new Float32Array(data.train.rows * width),
      validation: new Float32Array(0),
    };
    cache.set(featureCacheKey(network, split, backbone.weights, data), zeros);
    const fromCache = await fitBackboneLinear({
      spec: network,
      pretrained: backbone.weights,
      data,
      test: { x: test.pixels, rows: test.rows },
      cache,
    });
    // All-zero features: only the intercepts are fitted, so every picture gets the class balance.
    expect(Array.from(fromCache.fitted.coef).every((c) => Math.abs(c) < 1e-9)).toBe(true);
    expect(predictLogistic(fromCache.fitted, new Float32Array(width), 1).length).toBe(CLASSES);
  });
});
