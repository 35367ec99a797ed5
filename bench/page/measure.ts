// What the training benchmark measures, shared by its page (main.ts) and its worker
// (threads.worker.ts): the two models, synthetic data, and samples/s of the studio's loop
// and of raw tf.js `fit`.
import * as tf from "@tensorflow/tfjs";
import { buildModel } from "../../src/core/model/build";
import { defaultParams } from "../../src/core/model/catalog";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../../src/core/model/spec";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "../../src/core/train/config";
import { trainLoop } from "../../src/core/train/loop";
import type { TrainingData } from "../../src/core/train/types";

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}
function chain(nodes: LayerNode[]): ModelSpec {
  return {
    version: 1,
    inputs: [nodes[0]!.id],
    nodes,
    edges: nodes.slice(1).map((n, i) => ({ from: nodes[i]!.id, to: n.id, toIndex: 0 })),
    outputs: [nodes[nodes.length - 1]!.id],
  };
}
const dense = (id: string, units: number, activation: string) =>
  layer(id, "Dense", { units, activation });

/** MLP 32→128→64→10 and CNN conv16-pool-conv32-pool-dense64 on 28×28×1, as the issue names them. */
export const MODELS: Record<"mlp" | "cnn", { spec: ModelSpec; features: number }> = {
  mlp: {
    features: 32,
    spec: chain([
      layer("input", "InputLayer", { shape: [32] }),
      dense("d1", 128, "relu"),
      dense("d2", 64, "relu"),
      dense("output", 10, "softmax"),
    ]),
  },
  cnn: {
    features: 784,
    spec: chain([
      layer("input", "InputLayer", { shape: [784] }),
      layer("r", "Reshape", { targetShape: [28, 28, 1] }),
      layer("c1", "Conv2D", {
        filters: 16,
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      }),
      layer("p1", "MaxPooling2D", { poolSize: [2, 2] }),
      layer("c2", "Conv2D", {
        filters: 32,
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      }),
      layer("p2", "MaxPooling2D", { poolSize: [2, 2] }),
      layer("f", "Flatten"),
      dense("d", 64, "relu"),
      dense("output", 10, "softmax"),
    ]),
  },
};

export function syntheticData(features: number, rows: number): TrainingData {
  let state = 7;
  const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
  const x = Float32Array.from({ length: rows * features }, () => random() * 2 - 1);
  const y = Float32Array.from({ length: rows }, (_, r) =>
    (x[r * features] ?? 0) > 0 ? r % 5 : 5 + (r % 5),
  );
  return {
    task: "classification",
    featureCount: features,
    classCount: 10,
    train: { x, y, rows },
    validation: { x: new Float32Array(0), y: new Float32Array(0), rows: 0 },
    targetScale: 1,
  };
}

export const config = (epochs: number): TrainConfig => ({
  ...DEFAULT_TRAIN_CONFIG,
  epochs,
  batchSize: 64,
  optimizer: "adam",
  earlyStopping: { enabled: false, patience: 5, restoreBest: false },
});

const subset = (data: TrainingData, rows: number): TrainingData => ({
  ...data,
  train: {
    x: data.train.x.subarray(0, rows * data.featureCount),
    y: data.train.y.subarray(0, rows),
    rows,
  },
});

/** Samples/s of two epochs of the studio's loop, after a warm-up epoch on a few batches. */
export async function studioSpeed(spec: ModelSpec, data: TrainingData) {
  const model = buildModel(tf, spec, { seed: 1 });
  await trainLoop(model, subset(data, Math.min(128, data.train.rows)), config(1));
  // The whole call, as `fit`'s is timed below: its setup (the data's upload, the optimizer, each
  // epoch's checkpoint of weights and optimizer) counts too.
  const started = performance.now();
  const outcome = await trainLoop(model, data, config(2));
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  return {
    samplesPerSecond: (2 * data.train.rows) / seconds,
    tensorsPerEpoch: outcome.history.map((m) => m.numTensors),
  };
}

/** Samples/s of raw tf.js `fit` on the same model and data (one-hot labels, Adam, batch 64). */
export async function rawSpeed(spec: ModelSpec, data: TrainingData) {
  const model = buildModel(tf, spec, { seed: 1 });
  model.compile({ optimizer: tf.train.adam(0.001), loss: "categoricalCrossentropy" });
  const x = tf.tensor2d(data.train.x, [data.train.rows, data.featureCount]);
  const y = tf.oneHot(tf.tensor1d(data.train.y, "int32"), 10);
  const warm = Math.min(128, data.train.rows);
  await model.fit(x.slice(0, warm), y.slice(0, warm), { batchSize: 64, epochs: 1, verbose: 0 });
  const started = performance.now();
  await model.fit(x, y, { batchSize: 64, epochs: 2, verbose: 0, shuffle: true });
  const seconds = (performance.now() - started) / 1000;
  tf.dispose([x, y]);
  // fit leaves its optimizer (Adam's slots) alive; without this each round adds to the live tensors
  // the studio's loop reports per epoch.
  model.optimizer.dispose();
  model.dispose();
  return (2 * data.train.rows) / seconds;
}
