import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { BackendName } from "../backend/backends";
import type { BackendChoice } from "../backend/choice";
import { DEFAULT_MLP, mlpSpec } from "../model/templates";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "./config";
import { timeTrainingSteps } from "./measure";
import { runTraining } from "./run";
import type { TrainingData } from "./types";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const rows = 256;
const data: TrainingData = {
  task: "classification",
  featureCount: 8,
  classCount: 3,
  train: {
    x: Float32Array.from({ length: rows * 8 }, (_, i) => Math.sin(i)),
    y: Float32Array.from({ length: rows }, (_, i) => i % 3),
    rows,
  },
  validation: { x: new Float32Array(0), y: new Float32Array(0), rows: 0 },
  targetScale: 1,
};
const spec = mlpSpec(DEFAULT_MLP, { featureCount: 8, task: "classification", classCount: 3 });
const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, epochs: 1, batchSize: 32 };
const budget = { steps: 3, maxMilliseconds: 500 };

/** Every name runs on cpu here; "webgpu" cannot start and "webgl" lacks Relu (a missing kernel). */
function fakeBackends(activated: BackendName[]) {
  const relu = tf.getKernel("Relu", "cpu");
  if (!relu) throw new Error("cpu has no Relu kernel");
  return async (name: BackendName) => {
    activated.push(name);
    if (name === "webgpu") throw new Error("no adapter");
    await tf.setBackend("cpu");
    if (name === "webgl") tf.unregisterKernel("Relu", "cpu");
    else if (!tf.getKernel("Relu", "cpu")) tf.registerKernel(relu);
  };
}

describe("measured auto", () => {
  it("times training steps and leaves no tensors behind", async () => {
    const before = tf.memory().numTensors;
    const speed = await timeTrainingSteps(spec, data, config, budget);
    expect(speed).toBeGreaterThan(0);
    expect(Number.isFinite(speed)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });

  it("times every backend that can train the model, says why others were skipped, trains on the fastest", async () => {
    const activated: BackendName[] = [];
    const choices: Array<{ choice: BackendChoice; cached: boolean }> = [];
    const result = await runTraining({
      spec,
      data,
      config,
      preference: "auto",
      activateBackend: fakeBackends(activated),
      describeAdapter: async (name) =>
        name === "webgl" ? { description: "ANGLE (SwiftShader Device)" } : null,
      measureBudget: budget,
      callbacks: { onChoice: (choice, cached) => choices.push({ choice, cached }) },
    });
    expect(choices).toHaveLength(1);
    const { choice, cached } = choices[0]!;
    expect(cached).toBe(false);
    expect(choice.timings.map((t) => [t.backend, t.status])).toEqual([
      ["webgpu", "unavailable"],
      ["webgl", "unsupported"],
      ["wasm", "measured"],
      ["cpu", "measured"],
    ]);
    const measured = choice.timings.filter((t) => t.status === "measured");
    const fastest = measured.reduce((a, b) =>
      (b.samplesPerSecond ?? 0) > (a.samplesPerSecond ?? 0) ? b : a,
    );
    expect(choice.backend).toBe(fastest.backend);
    expect(result.backend).toBe(choice.backend);
    // Measured first (webgpu, webgl, wasm, cpu), then trained on the choice.
    expect(activated.slice(0, 4)).toEqual(["webgpu", "webgl", "wasm", "cpu"]);
    expect(activated[4]).toBe(choice.backend);
    result.model.dispose();
  });

  it("trusts a cached choice and measures nothing", async () => {
    const activated: BackendName[] = [];
    const cachedChoice: BackendChoice = {
      backend: "cpu",
      timings: [
        { backend: "wasm", samplesPerSecond: null, status: "unsupported", softwareAdapter: false },
        { backend: "cpu", samplesPerSecond: 1000, status: "measured", softwareAdapter: false },
      ],
    };
    let reported: boolean | null = null;
    const result = await runTraining({
      spec,
      data,
      config,
      preference: "auto",
      activateBackend: fakeBackends(activated),
      cachedChoice,
      callbacks: { onChoice: (_, cached) => (reported = cached) },
    });
    expect(activated).toEqual(["cpu"]);
    expect(reported).toBe(true);
    expect(result.backend).toBe("cpu");
    result.model.dispose();
  });
});
