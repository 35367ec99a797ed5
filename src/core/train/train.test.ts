import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../data/random";
import { buildModel } from "../model/build";
import { DEFAULT_MLP, mlpSpec } from "../model/templates";
import { DEFAULT_TRAIN_CONFIG, trainConfigProblems, type TrainConfig } from "./config";
import { evaluateSplit, trainLoop } from "./loop";
import { storeModelWeights, storeOptimizer, storeTrainingState } from "./state";
import { runTraining } from "./run";
import type { BackendNote as BackendNoteLike } from "./run";
import type { ArraySplit, TrainingData } from "./types";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** Three Gaussian blobs in 4 dimensions: easy to separate, like iris. */
function blobs(rows: number, seed: number, noisyLabels = false): ArraySplit {
  const rng = mulberry32(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(rng() + 1e-12)) * Math.cos(2 * Math.PI * rng());
  const x = new Float32Array(rows * 4);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const label = r % 3;
    y[r] = noisyLabels ? Math.floor(rng() * 3) : label;
    for (let f = 0; f < 4; f++) x[r * 4 + f] = (f === label ? 3 : 0) + gauss() * 0.6;
  }
  return { x, y, rows };
}

function dataset(noisyValidation = false): TrainingData {
  return {
    task: "classification",
    featureCount: 4,
    classCount: 3,
    train: blobs(90, 1),
    validation: blobs(30, 2, noisyValidation),
    targetScale: 1,
  };
}

const config: TrainConfig = {
  ...DEFAULT_TRAIN_CONFIG,
  epochs: 12,
  batchSize: 16,
  earlyStopping: { enabled: false, patience: 5, restoreBest: false },
};
const spec = mlpSpec(DEFAULT_MLP, { featureCount: 4, task: "classification", classCount: 3 });

describe("the training loop on the cpu backend", () => {
  it("learns separable data and leaks no tensors from epoch to epoch", async () => {
    const model = buildModel(tf, spec, { seed: 3 });
    const before = tf.memory().numTensors;
    const outcome = await trainLoop(model, dataset(), config);
    expect(outcome.reason).toBe("completed");
    expect(outcome.history).toHaveLength(12);
    const last = outcome.history[11];
    expect(last?.valMetric).toBeGreaterThanOrEqual(0.9);
    expect(last?.loss).toBeLessThan(outcome.history[0]?.loss ?? 0);
    const counts = outcome.history.slice(1).map((m) => m.numTensors);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });

  it("is repeatable with the same seed", async () => {
    const run = async () => {
      const model = buildModel(tf, spec, { seed: 3 });
      const outcome = await trainLoop(model, dataset(), { ...config, epochs: 3 });
      model.dispose();
      return outcome.history.map((m) => [m.loss, m.valLoss]);
    };
    expect(await run()).toEqual(await run());
  });

  it("stops early on a rising validation loss and restores the best weights", async () => {
    const data = dataset(true);
    const model = buildModel(tf, spec, { seed: 3 });
    const outcome = await trainLoop(model, data, {
      ...config,
      epochs: 200,
      learningRate: 0.05,
      earlyStopping: { enabled: true, patience: 3, restoreBest: true },
    });
    expect(outcome.reason).toBe("early-stopped");
    expect(outcome.history.length).toBeLessThan(200);
    expect(outcome.history.length - outcome.bestEpoch).toBe(3);
    const best = outcome.history.find((m) => m.epoch === outcome.bestEpoch);
    const now = await evaluateSplit(model, data, data.validation, 256);
    expect(now?.loss).toBeCloseTo(best?.valLoss ?? NaN, 5);
    model.dispose();
  });

  it("stops when asked and keeps the best weights so far", async () => {
    const data = dataset();
    const model = buildModel(tf, spec, { seed: 3 });
    let batches = 0;
    let bestSoFar: Awaited<ReturnType<typeof storeModelWeights>> = [];
    let bestLoss = Infinity;
    const outcome = await trainLoop(model, data, config, {
      onBatch: () => batches++,
      shouldStop: () => batches >= 20,
      onEpoch: (metrics, checkpoint) => {
        if ((metrics.valLoss ?? Infinity) < bestLoss) {
          bestLoss = metrics.valLoss ?? Infinity;
          bestSoFar = checkpoint.weights;
        }
      },
    });
    expect(outcome.reason).toBe("stopped");
    expect(outcome.history.length).toBeLessThan(12);
    const held = await storeModelWeights(model);
    expect(held.map((w) => Array.from(w.values))).toEqual(
      bestSoFar.map((w) => Array.from(w.values)),
    );
    model.dispose();
  });

  it("reports every batch once, in order, though losses are read back in groups", async () => {
    const model = buildModel(tf, spec, { seed: 3 });
    const seen: Array<[number, number]> = [];
    const losses: number[] = [];
    const outcome = await trainLoop(
      model,
      dataset(),
      { ...config, epochs: 3 },
      {
        onBatch: (progress) => {
          seen.push([progress.epoch, progress.batch]);
          losses.push(progress.loss);
        },
      },
    );
    const perEpoch = Math.ceil(90 / config.batchSize);
    expect(seen).toEqual(
      [1, 2, 3].flatMap((epoch) =>
        Array.from({ length: perEpoch }, (_, b) => [epoch, b + 1] as [number, number]),
      ),
    );
    expect(losses.every(Number.isFinite)).toBe(true);
    // The epoch's loss is the size-weighted mean of its batch losses: the same numbers were read.
    const firstEpoch = losses.slice(0, perEpoch);
    const sizes = Array.from({ length: perEpoch }, (_, b) =>
      Math.min(config.batchSize, 90 - b * config.batchSize),
    );
    const weighted = firstEpoch.reduce((sum, loss, b) => sum + loss * (sizes[b] ?? 0), 0) / 90;
    expect(outcome.history[0]?.loss).toBeCloseTo(weighted, 5);
    model.dispose();
  });

  it("lets a stop request from another task through, however short the epochs", async () => {
    const data = dataset();
    data.train = { x: data.train.x.slice(0, 8 * 4), y: data.train.y.slice(0, 8), rows: 8 };
    const model = buildModel(tf, spec, { seed: 3 });
    let stop = false;
    setTimeout(() => (stop = true), 200);
    const outcome = await trainLoop(
      model,
      data,
      { ...config, epochs: 1_000_000, batchSize: 8 },
      { shouldStop: () => stop },
    );
    expect(outcome.reason).toBe("stopped");
    model.dispose();
  }, 20_000);

  it("keeps the last weights of a full run when restoreBest is off", async () => {
    const data = dataset(true);
    const model = buildModel(tf, spec, { seed: 3 });
    let last: Awaited<ReturnType<typeof storeModelWeights>> = [];
    const outcome = await trainLoop(
      model,
      data,
      { ...config, epochs: 6, earlyStopping: { enabled: false, patience: 1, restoreBest: false } },
      { onEpoch: (_metrics, checkpoint) => (last = checkpoint.weights) },
    );
    expect(outcome.reason).toBe("completed");
    expect(outcome.bestEpoch).toBe(6);
    const held = await storeModelWeights(model);
    expect(held.map((w) => Array.from(w.values))).toEqual(last.map((w) => Array.from(w.values)));
    model.dispose();
  });

  it("weighs classes as scikit-learn's balanced", async () => {
    const { classWeightsFor } = await import("./loop");
    const data = dataset();
    data.train = { ...data.train, y: Float32Array.from([0, 0, 0, 1, 2, 2]), rows: 6 };
    expect(classWeightsFor(data, { ...config, classWeighting: "balanced" })).toEqual([6 / 9, 2, 1]);
    expect(classWeightsFor(data, config)).toBeNull();
  });
});

describe("backend fallback", () => {
  it("resumes on the next backend from the last checkpoint and ends where an unbroken run ends", async () => {
    const activated: string[] = [];
    const notes: BackendNoteLike[] = [];
    const activateBackend = async (name: string) => {
      if (name === "webgpu") throw new Error("no adapter");
      activated.push(name);
      await tf.setBackend("cpu");
    };
    let failed = false;
    // An explicit first choice tries the others in the usual order after it (auto measures first).
    const broken = await runTraining({
      spec,
      data: dataset(),
      config,
      preference: "webgpu",
      activateBackend,
      callbacks: {
        onBackendNote: (note) => notes.push(note),
        beforeBatch: (epoch, batch) => {
          if (epoch === 4 && batch === 2 && !failed) {
            failed = true;
            throw new Error("device lost");
          }
        },
      },
    });
    expect(activated).toEqual(["webgl", "wasm"]);
    expect(notes.map((n) => [n.backend, n.kind, n.next, n.resumeAfterEpoch])).toEqual([
      ["webgpu", "unavailable", "webgl", 0],
      ["webgl", "failed", "wasm", 3],
    ]);
    expect(broken.backend).toBe("wasm");
    expect(broken.outcome.history.map((m) => m.epoch)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
    ]);

    const unbroken = await runTraining({
      spec,
      data: dataset(),
      config,
      preference: "cpu",
      activateBackend,
    });
    const a = await storeModelWeights(broken.model);
    const b = await storeModelWeights(unbroken.model);
    // Equal up to float32 rounding: Adam's restored bias correction is computed as beta^t rather
    // than multiplied up step by step.
    const flat = (ws: typeof a) => ws.flatMap((w) => Array.from(w.values));
    const diffs = flat(a).map((value, i) => Math.abs(value - (flat(b)[i] ?? NaN)));
    expect(flat(a)).toHaveLength(flat(b).length);
    expect(Math.max(...diffs)).toBeLessThan(1e-5);
    broken.model.dispose();
    unbroken.model.dispose();
  });

  it("skips a backend that lacks a kernel the model needs", async () => {
    const notes: BackendNoteLike[] = [];
    const missing = tf.getKernel("Relu", "cpu");
    if (!missing) throw new Error("cpu has no Relu kernel");
    const result = await runTraining({
      spec,
      data: dataset(),
      config: { ...config, epochs: 1 },
      preference: "webgl",
      activateBackend: async (name) => {
        await tf.setBackend("cpu");
        if (name === "webgl") tf.unregisterKernel("Relu", "cpu");
        else if (!tf.getKernel("Relu", "cpu")) tf.registerKernel(missing);
      },
      callbacks: { onBackendNote: (note) => notes.push(note) },
    });
    expect(notes[0]?.kind).toBe("unsupported");
    expect(notes[0]?.message).toMatch(/Relu/);
    expect(result.backend).toBe("wasm");
    result.model.dispose();
  });
});

describe("train config validation", () => {
  it("names each bad field", () => {
    expect(trainConfigProblems(DEFAULT_TRAIN_CONFIG)).toEqual([]);
    expect(
      trainConfigProblems({ ...DEFAULT_TRAIN_CONFIG, learningRate: -1, batchSize: 0.5 }),
    ).toEqual([
      "Learning rate must be a positive number up to 10.",
      "Batch size must be a whole number from 1 to 65536.",
    ]);
  });
});

describe("storing the training state", () => {
  it("reads weights and optimizer state in one go, equal to reading each, and leaves no tensors", async () => {
    const model = buildModel(tf, spec, { seed: 3 });
    const optimizer = tf.train.adam(0.01);
    const x = tf.tensor2d(dataset().train.x, [90, 4]);
    for (let step = 0; step < 3; step++)
      tf.dispose(
        optimizer.minimize(() => tf.mean(tf.square(model.apply(x) as tf.Tensor)), true) ?? [],
      );
    const before = tf.memory().numTensors;
    const both = await storeTrainingState(model, optimizer);
    expect(tf.memory().numTensors).toBe(before);
    const weights = await storeModelWeights(model);
    const slots = await storeOptimizer(optimizer);
    expect(both.weights).toEqual(weights);
    expect(both.optimizer).toEqual(slots);
    expect(both.optimizer.find((s) => s.name === "iter")?.values[0]).toBe(3);
    // Each its own copy: a checkpoint may be handed on while training goes on.
    expect(both.weights[0]!.values.buffer).not.toBe(both.weights[1]!.values.buffer);
    x.dispose();
    optimizer.dispose();
    model.dispose();
  });
});
