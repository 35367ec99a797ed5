import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../backend/backends";
import type { AdapterDescription, BackendTiming } from "../backend/choice";
import { isSoftwareAdapter } from "../backend/choice";
import { buildModel } from "../model/build";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "./config";
import { perExampleLoss } from "./loop";
import { createOptimizer } from "./state";
import { exampleShape, featureRange, valuesOf } from "./batchSource";
import type { AnyTrainingData } from "./types";

/** How long to time a backend: enough steps to average, never more than a moment. */
export interface MeasureBudget {
  /** Timed steps wanted (after the warm-up step). */
  steps: number;
  /** Keep timing past `steps` until this long has passed (ms): a fast model's few steps are noise. */
  minMilliseconds?: number;
  /** Stop timing after this long even with fewer steps (ms); at least one step is timed. */
  maxMilliseconds: number;
}

export const DEFAULT_MEASURE_BUDGET: MeasureBudget = {
  steps: 8,
  minMilliseconds: 300,
  maxMilliseconds: 1500,
};

/**
 * Training samples per second of `spec` on the active backend: one warm-up step (shader compiles,
 * wasm allocations), then training steps of `config.batchSize` rows, each read back as the loop
 * does, until `budget` is spent. Works on a throwaway model; leaves no tensors behind.
 */
export async function timeTrainingSteps(
  spec: ModelSpec,
  data: AnyTrainingData,
  config: TrainConfig,
  budget: MeasureBudget = DEFAULT_MEASURE_BUDGET,
): Promise<number> {
  const rows = Math.max(1, Math.min(config.batchSize, data.train.rows));
  const model = buildModel(tf, spec, { seed: config.seed });
  const optimizer = createOptimizer(config);
  // Tables: the first rows as floats; images: their bytes scaled as the loop scales them.
  const x = tf.tensor(featureRange(valuesOf(data.train), 0, rows, data.featureCount), [
    rows,
    ...exampleShape(data),
  ]);
  const y = tf.tensor1d(data.train.y.subarray(0, rows));
  const step = async () => {
    const loss = optimizer.minimize(() => {
      const predicted = model.apply(x, { training: true }) as tf.Tensor;
      return tf.mean(perExampleLoss(data.task, predicted, y, data.classCount));
    }, true);
    await loss?.data();
    loss?.dispose();
  };
  try {
    await step();
    const started = performance.now();
    let steps = 0;
    const minimum = Math.min(budget.minMilliseconds ?? 0, budget.maxMilliseconds);
    while (steps < budget.steps || performance.now() - started < minimum) {
      await step();
      steps++;
      if (performance.now() - started >= budget.maxMilliseconds) break;
    }
    const seconds = (performance.now() - started) / 1000;
    return seconds > 0 ? (steps * rows) / seconds : Number.POSITIVE_INFINITY;
  } finally {
    tf.dispose([x, y]);
    model.dispose();
    optimizer.dispose();
  }
}

/** The wasm backend's thread pool, as the training worker controls it. */
export interface WasmThreadControl {
  /** Thread counts worth timing, fewest first (e.g. [1, 4]); fewer than two: nothing to choose. */
  counts: readonly number[];
  /** Sets the pool's size: before wasm starts, the size it starts with; after, a new pool. */
  set(threads: number): void;
}

/** True when `control` offers a choice of thread counts. */
export const choosesThreads = (
  control: WasmThreadControl | undefined,
): control is WasmThreadControl => control !== undefined && control.counts.length > 1;

/**
 * The active wasm backend timed at each thread count of `control`, fewest first (a timing per
 * count, with `threads`), after a few untimed steps. Leaves the pool at the fewest threads.
 */
export async function timeWasmThreads(
  spec: ModelSpec,
  data: AnyTrainingData,
  config: TrainConfig,
  control: WasmThreadControl,
  budget?: MeasureBudget,
): Promise<BackendTiming[]> {
  const timings: BackendTiming[] = [];
  // Untimed steps first, and the fewest threads timed again after the others (going back to one
  // thread makes no new pool threads), keeping its better figure: whatever still runs when wasm
  // has just started (its pool workers loading, the JavaScript warming up) would otherwise count
  // against the count timed first.
  const fewest = control.counts[0] ?? 1;
  control.set(fewest);
  await timeTrainingSteps(spec, data, config, { steps: 3, maxMilliseconds: 300 });
  for (const threads of [...control.counts, fewest]) {
    control.set(threads);
    const speed = await timeTrainingSteps(spec, data, config, budget);
    const earlier = timings.find((t) => t.threads === threads);
    if (earlier) {
      earlier.samplesPerSecond = Math.max(earlier.samplesPerSecond ?? 0, speed);
      continue;
    }
    timings.push({
      backend: "wasm",
      status: "measured",
      samplesPerSecond: speed,
      softwareAdapter: false,
      threads,
    });
  }
  return timings;
}

export interface MeasureOptions {
  spec: ModelSpec;
  data: AnyTrainingData;
  config: TrainConfig;
  backends: readonly BackendName[];
  activateBackend: (name: BackendName) => Promise<void>;
  /** Checks that the active backend has every kernel the model needs; throws when it does not. */
  probe: () => Promise<void>;
  /** What the active backend's adapter says of itself (WebGPU/WebGL); null elsewhere. */
  describeAdapter?: (name: BackendName) => Promise<AdapterDescription | null>;
  budget?: MeasureBudget;
  /** wasm's thread pool: when it offers a choice, wasm is timed at each count (see timeWasmThreads). */
  wasmThreads?: WasmThreadControl;
}

/**
 * Times each backend in turn (see timeTrainingSteps), skipping one that cannot start or lacks a
 * kernel (probe), and notes a software adapter. One timing per backend, in the order given; for
 * wasm with a choice of threads, one per thread count (wasm starts on the fewest, so that no
 * pool is made and left unused).
 */
export async function measureBackends(options: MeasureOptions): Promise<BackendTiming[]> {
  const timings: BackendTiming[] = [];
  for (const backend of options.backends) {
    const timing = (status: BackendTiming["status"], samplesPerSecond: number | null = null) => ({
      backend,
      status,
      samplesPerSecond,
      softwareAdapter: false,
    });
    const threads =
      backend === "wasm" && choosesThreads(options.wasmThreads) ? options.wasmThreads : null;
    threads?.set(threads.counts[0] ?? 1);
    try {
      await options.activateBackend(backend);
    } catch {
      timings.push(timing("unavailable"));
      continue;
    }
    try {
      await options.probe();
      if (threads) {
        timings.push(
          ...(await timeWasmThreads(
            options.spec,
            options.data,
            options.config,
            threads,
            options.budget,
          )),
        );
        continue;
      }
      const speed = await timeTrainingSteps(
        options.spec,
        options.data,
        options.config,
        options.budget,
      );
      const adapter = (await options.describeAdapter?.(backend).catch(() => null)) ?? null;
      timings.push({ ...timing("measured", speed), softwareAdapter: isSoftwareAdapter(adapter) });
    } catch {
      timings.push(timing("unsupported"));
    }
  }
  return timings;
}
