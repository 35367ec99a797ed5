import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import type { BackendName } from "../backend/backends";
import {
  MORE_THREADS_MARGIN,
  preferredWasmThreads,
  type BackendChoice,
  type BackendTiming,
  type ThreadTiming,
} from "../backend/choice";
import { DEFAULT_MLP, mlpSpec } from "../model/templates";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "./config";
import { timeTrainingSteps, type WasmThreadControl } from "./measure";
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

  it("keeps timing a fast model for the minimum time, and stops at the maximum", async () => {
    let started = performance.now();
    await timeTrainingSteps(spec, data, config, {
      steps: 1,
      minMilliseconds: 200,
      maxMilliseconds: 400,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(200);
    started = performance.now();
    await timeTrainingSteps(spec, data, config, { steps: 1e6, maxMilliseconds: 100 });
    // The warm-up step, then timed steps until 100 ms have passed, then one step more at most.
    expect(performance.now() - started).toBeLessThan(1000);
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

/** A stand-in for the worker's wasm pool: records each size asked for, and when (by activation). */
function fakeThreads(events: string[]): WasmThreadControl {
  return { counts: [1, 2], set: (threads) => events.push(`threads ${threads}`) };
}

describe("measured wasm threads", () => {
  it("auto times wasm at each thread count, starting it on one thread, and trains on the count it favours", async () => {
    const events: string[] = [];
    const activated: BackendName[] = [];
    const activate = fakeBackends(activated);
    const choices: BackendChoice[] = [];
    const chosenThreads: Array<{ threads: number; measured: ThreadTiming[] }> = [];
    const result = await runTraining({
      spec,
      data,
      config,
      preference: "auto",
      activateBackend: async (name) => {
        events.push(`start ${name}`);
        await activate(name);
      },
      measureBudget: budget,
      wasmThreads: fakeThreads(events),
      callbacks: {
        onChoice: (choice) => choices.push(choice),
        onWasmThreads: (threads, measured) => chosenThreads.push({ threads, measured }),
      },
    });
    const wasm = choices[0]!.timings.filter((t) => t.backend === "wasm");
    expect(wasm.map((t) => [t.status, t.threads])).toEqual([
      ["measured", 1],
      ["measured", 2],
    ]);
    // The pool is sized before wasm starts (one thread: no pool threads made), warmed up on one
    // thread untimed, then timed on 1, grown to time 2, and back to 1 to time it again.
    expect(events.slice(0, 8)).toEqual([
      "start webgpu",
      "start webgl",
      "threads 1",
      "start wasm",
      "threads 1",
      "threads 1",
      "threads 2",
      "threads 1",
    ]);
    const preferred = preferredWasmThreads(wasm);
    if (result.backend === "wasm") {
      expect(chosenThreads).toEqual([
        {
          threads: preferred,
          measured: wasm.map((t) => ({ threads: t.threads, samplesPerSecond: t.samplesPerSecond })),
        },
      ]);
      expect(events[events.length - 1]).toBe(`threads ${preferred}`);
    } else {
      expect(chosenThreads).toEqual([]);
    }
    result.model.dispose();
  });

  it("an explicit wasm run measures the thread counts once, then trains on the one favoured", async () => {
    const events: string[] = [];
    const chosen: Array<{ threads: number; measured: ThreadTiming[] }> = [];
    const result = await runTraining({
      spec,
      data,
      config,
      preference: "wasm",
      activateBackend: fakeBackends([]),
      measureBudget: budget,
      wasmThreads: fakeThreads(events),
      callbacks: { onWasmThreads: (threads, measured) => chosen.push({ threads, measured }) },
    });
    expect(result.backend).toBe("wasm");
    expect(chosen).toHaveLength(1);
    const { threads, measured } = chosen[0]!;
    expect(measured.map((t) => t.threads)).toEqual([1, 2]);
    expect(measured.every((t) => t.samplesPerSecond > 0)).toBe(true);
    const [one, two] = measured.map((t) => t.samplesPerSecond);
    expect(threads).toBe(two! > one! * MORE_THREADS_MARGIN ? 2 : 1);
    expect(events).toEqual([
      "threads 1",
      "threads 1",
      "threads 1",
      "threads 2",
      "threads 1",
      `threads ${threads}`,
    ]);
    result.model.dispose();
  });

  it("a cached choice sets the pool before wasm starts and measures nothing", async () => {
    const events: string[] = [];
    const chosen: number[] = [];
    const timing = (threads: number, samplesPerSecond: number): BackendTiming => ({
      backend: "wasm",
      status: "measured",
      samplesPerSecond,
      softwareAdapter: false,
      threads,
    });
    const result = await runTraining({
      spec,
      data,
      config,
      preference: "auto",
      activateBackend: async (name) => {
        events.push(`start ${name}`);
        await fakeBackends([])(name);
      },
      cachedChoice: { backend: "wasm", timings: [timing(1, 9000), timing(2, 14000)] },
      wasmThreads: fakeThreads(events),
      callbacks: { onWasmThreads: (threads) => chosen.push(threads) },
    });
    expect(result.backend).toBe("wasm");
    expect(events).toEqual(["threads 2", "start wasm", "threads 2"]);
    expect(chosen).toEqual([2]);
    result.model.dispose();
  });
});
