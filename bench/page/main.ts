// The training benchmark's page: the studio's training loop against raw tf.js `model.fit` on the
// same model and data, per backend, in headless Chromium. bench/training.mjs drives it.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName } from "../../src/core/backend/backends";
import { fastestBackend } from "../../src/core/backend/choice";
import { registerWasmConvGradients } from "../../src/core/backend/wasmConvGradients";
import { buildModel } from "../../src/core/model/build";
import { defaultParams } from "../../src/core/model/catalog";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../../src/core/model/spec";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "../../src/core/train/config";
import { trainLoop } from "../../src/core/train/loop";
import { measureBackends } from "../../src/core/train/measure";
import { probeBackend } from "../../src/core/train/run";
import type { TrainingData } from "../../src/core/train/types";

const threaded = new URLSearchParams(location.search).get("threads") === "1";
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", threaded && crossOriginIsolated);
if (threaded) {
  // As the training worker does (see useEveryCoreForWasm there): one thread per logical core.
  const cores = navigator.hardwareConcurrency || 1;
  Object.defineProperty(navigator, "hardwareConcurrency", { value: cores * 2, configurable: true });
  setThreadsCount(cores);
}
setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
});
registerWasmConvGradients();

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
const MODELS: Record<"mlp" | "cnn", { spec: ModelSpec; features: number }> = {
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

function syntheticData(features: number, rows: number): TrainingData {
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

const config = (epochs: number): TrainConfig => ({
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

/** Samples/s of one epoch of the studio's loop, after a warm-up epoch on a few batches. */
async function studioSpeed(spec: ModelSpec, data: TrainingData) {
  const model = buildModel(tf, spec, { seed: 1 });
  await trainLoop(model, subset(data, Math.min(128, data.train.rows)), config(1));
  const outcome = await trainLoop(model, data, config(2));
  model.dispose();
  const seconds = outcome.history.reduce((s, m) => s + m.seconds, 0);
  return {
    samplesPerSecond: (2 * data.train.rows) / seconds,
    tensorsPerEpoch: outcome.history.map((m) => m.numTensors),
  };
}

/** Samples/s of raw tf.js `fit` on the same model and data (one-hot labels, Adam, batch 64). */
async function rawSpeed(spec: ModelSpec, data: TrainingData) {
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
  model.dispose();
  return (2 * data.train.rows) / seconds;
}

async function activate(name: BackendName) {
  if (!(await tf.setBackend(name))) throw new Error(`${name} did not start`);
  await tf.ready();
}

interface Options {
  backends: BackendName[];
  kinds: Array<"mlp" | "cnn">;
  rows: Record<string, Record<"mlp" | "cnn", number>>;
}

async function run(options: Options) {
  const results: Array<Record<string, unknown>> = [];
  for (const backend of options.backends) {
    for (const kind of options.kinds) {
      const { spec, features } = MODELS[kind];
      const rows = options.rows[backend]?.[kind] ?? 2048;
      const data = syntheticData(features, rows);
      try {
        await activate(backend);
        await probeBackend(spec, data, config(1));
        const studio = await studioSpeed(spec, data);
        const raw = await rawSpeed(spec, data);
        results.push({
          backend,
          kind,
          rows,
          studio: studio.samplesPerSecond,
          raw,
          tensors: studio.tensorsPerEpoch,
        });
      } catch (error) {
        results.push({
          backend,
          kind,
          rows,
          error: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return results;
}

/** What measured auto chooses for a model here, and the timings it chose from. */
async function auto(kind: "mlp" | "cnn", backends: BackendName[]) {
  const { spec, features } = MODELS[kind];
  const data = syntheticData(features, 512);
  const timings = await measureBackends({
    spec,
    data,
    config: config(1),
    backends,
    activateBackend: activate,
    probe: () => probeBackend(spec, data, config(1)),
  });
  return { chosen: fastestBackend(timings), timings };
}

Object.assign(window, {
  bench: { run, auto, threaded, isolated: crossOriginIsolated },
});
