import * as tf from "@tensorflow/tfjs";
import { bench, describe } from "vitest";
import { DEFAULT_AUGMENTATION } from "../src/core/data/images/augment";
import { buildModel } from "../src/core/model/build";
import { imageCnnSpec } from "../src/core/model/imageTemplate";
import { DEFAULT_TRAIN_CONFIG } from "../src/core/train/config";
import { trainLoop } from "../src/core/train/loop";
import type { AnyTrainingData } from "../src/core/train/types";

/**
 * Training throughput of the proposed image CNN on 32×32×1 pictures (the digits' size), in Node
 * on the cpu backend (the browser's backends are measured by bench/images-browser.mjs).
 */
await tf.setBackend("cpu");
const side = 32;
const count = 256;
const pixels = new Uint8Array(count * side * side).map((_, i) => (i * 2654435761) % 256);
const data: AnyTrainingData = {
  task: "classification",
  featureCount: side * side,
  inputShape: [side, side, 1],
  classCount: 10,
  train: { pixels, y: Float32Array.from({ length: count }, (_, i) => i % 10), rows: count },
  validation: { pixels: new Uint8Array(0), y: new Float32Array(0), rows: 0 },
  targetScale: 1,
};
const spec = imageCnnSpec({ inputShape: [side, side, 1], classCount: 10 });
const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 1, batchSize: 32 };

for (const augment of [false, true]) {
  const model = buildModel(tf, spec, { seed: 1 });
  const started = performance.now();
  await trainLoop(
    model,
    augment ? { ...data, augmentation: { ...DEFAULT_AUGMENTATION, enabled: true } } : data,
    config,
  );
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `image CNN 32×32×1 on cpu${augment ? " with augmentation" : ""}: ${(count / seconds).toFixed(0)} images/s training`,
  );
  model.dispose();
}

describe("image CNN, one epoch of 256 pictures of 32×32×1 (cpu)", () => {
  bench(
    "trainLoop",
    async () => {
      const model = buildModel(tf, spec, { seed: 1 });
      await trainLoop(model, data, config);
      model.dispose();
    },
    { iterations: 1, time: 0 },
  );
});
