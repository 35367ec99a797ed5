/**
 * Transfer learning, measured in Node on the transfer pictures (the same bytes as
 * tests/fixtures/shapes-transfer.zip, split as the e2e splits them: 50/10/40, seed 42) and on 800
 * fresh pictures of the same four shapes: test accuracy of (a) a head on the shipped frozen backbone,
 * (b) a dense softmax on raw pixels, (c) the studio's proposed CNN from scratch; and images/s of
 * feature extraction and head training per backend (cpu, wasm). Run: node bench/transfer.mjs.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmTrainingKernels } from "../src/core/backend/wasmFastKernels";
import { splitImageDataset } from "../src/core/data/images/split";
import {
  syntheticShapeSet,
  TRANSFER_PER_CLASS,
  TRANSFER_PICTURE_SIZE,
  TRANSFER_SEED,
  TRANSFER_SHAPES,
} from "../tests/support/synthetic";
import { buildModel } from "../src/core/model/build";
import { imageCnnSpec } from "../src/core/model/imageTemplate";
import type { ModelSpec } from "../src/core/model/spec";
import { DEFAULT_TRAIN_CONFIG } from "../src/core/train/config";
import { trainLoop } from "../src/core/train/loop";
import { predictRows } from "../src/core/train/predictRows";
import type { AnyTrainingData, ImageSplit } from "../src/core/train/types";
import { transferSpec } from "../src/core/transfer/compose";
import { loadBackboneFromUrl } from "../src/core/transfer/load";
import { extractFeatures, trainTransfer } from "../src/core/transfer/train";

const SIZE = TRANSFER_PICTURE_SIZE;
const SHAPE: [number, number, number] = [SIZE, SIZE, 3];
const CONFIG = { ...DEFAULT_TRAIN_CONFIG, epochs: 60, learningRate: 0.003 };

function accuracy(outputs: Float32Array, split: ImageSplit, classes: number): number {
  let correct = 0;
  for (let i = 0; i < split.rows; i++) {
    const row = Array.from(outputs.subarray(i * classes, (i + 1) * classes));
    if (row.indexOf(Math.max(...row)) === split.y[i]) correct++;
  }
  return correct / split.rows;
}

function rawPixelHead(classes: number): ModelSpec {
  return {
    version: 1,
    inputs: ["input"],
    nodes: [
      { id: "input", type: "InputLayer", params: { shape: [...SHAPE] } },
      { id: "flatten_1", type: "Flatten", params: {} },
      {
        id: "output",
        type: "Dense",
        params: { units: classes, activation: "softmax", useBias: true },
      },
    ],
    edges: [
      { from: "input", to: "flatten_1", toIndex: 0 },
      { from: "flatten_1", to: "output", toIndex: 0 },
    ],
    outputs: ["output"],
  };
}

export async function main(): Promise<void> {
  registerWasmTrainingKernels();
  const fetchFile = async (url: string) => new Uint8Array(readFileSync(`public${url}`));
  const backbone = await loadBackboneFromUrl("/backbones/shapes-cnn/model.json", fetchFile);
  const set = syntheticShapeSet(TRANSFER_SHAPES, TRANSFER_PER_CLASS, SIZE, TRANSFER_SEED);
  const splits = splitImageDataset(
    { ...set, size: SIZE, channels: 3 },
    { train: 0.5, validation: 0.1, test: 0.4 },
    42,
  );
  const fresh = syntheticShapeSet(TRANSFER_SHAPES, 200, SIZE, 4);
  const freshSplit: ImageSplit = {
    pixels: fresh.pixels,
    y: Float32Array.from(fresh.labels),
    rows: fresh.count,
  };
  const classes = TRANSFER_SHAPES.length;
  const data: AnyTrainingData = {
    task: "classification",
    featureCount: SIZE * SIZE * 3,
    inputShape: SHAPE,
    classCount: classes,
    train: splits.train,
    validation: splits.validation,
    targetScale: 1,
  };
  const score = async (model: tf.LayersModel) =>
    [splits.test, freshSplit].map(async (split) =>
      accuracy(
        await predictRows(model, split.pixels, split.rows, data.featureCount, 64, SHAPE),
        split,
        classes,
      ),
    );
  console.log(
    `${splits.train.rows} training pictures, ${splits.test.rows} test (+ ${fresh.count} fresh); backbone ${backbone.name}, cut ${backbone.cutId} ${JSON.stringify(backbone.featureShape)}`,
  );
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const started = performance.now();
    const result = await trainTransfer({
      spec: transferSpec(backbone, classes),
      pretrained: backbone.weights,
      data,
      config: CONFIG,
      fineTune: null,
    });
    const seconds = (performance.now() - started) / 1000;
    const [test, freshTest] = await Promise.all(await score(result.model));
    const epochs = result.outcome.history.length;
    console.log(
      `(a) head on frozen backbone, ${backend}: test accuracy ${test?.toFixed(3)} (fresh ${freshTest?.toFixed(3)}), ${epochs} epochs in ${seconds.toFixed(1)} s`,
    );
    // Throughput: the backbone's forward pass, and the head's training epochs alone.
    const cut = result.model.getLayer(backbone.cutId).output as tf.SymbolicTensor;
    const extractor = tf.model({ inputs: result.model.inputs, outputs: cut });
    const t0 = performance.now();
    await extractFeatures(extractor, data, freshSplit, 64);
    const extractSeconds = (performance.now() - t0) / 1000;
    const headSeconds = result.outcome.history.reduce((n, m) => n + m.seconds, 0);
    console.log(
      `    ${backend}: feature extraction ${(fresh.count / extractSeconds).toFixed(0)} images/s; head training ${((epochs * data.train.rows) / headSeconds).toFixed(0)} images/s`,
    );
    result.model.dispose();
  }
  await tf.setBackend("wasm");
  for (const [label, spec] of [
    ["(b) dense softmax on raw pixels", rawPixelHead(classes)],
    ["(c) proposed CNN from scratch", imageCnnSpec({ inputShape: SHAPE, classCount: classes })],
  ] as const) {
    const model = buildModel(tf, spec, { seed: CONFIG.seed });
    const started = performance.now();
    const outcome = await trainLoop(model, data, CONFIG);
    const [test, freshTest] = await Promise.all(await score(model));
    console.log(
      `${label}, wasm: test accuracy ${test?.toFixed(3)} (fresh ${freshTest?.toFixed(3)}), ${outcome.history.length} epochs in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    model.dispose();
  }
}
