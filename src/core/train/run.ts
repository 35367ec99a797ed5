import * as tf from "@tensorflow/tfjs";
import {
  BACKEND_ORDER,
  backendCandidates,
  type BackendName,
  type BackendPreference,
} from "../backend/backends";
import {
  backendsByMeasuredSpeed,
  fastestBackend,
  preferredWasmThreads,
  type AdapterDescription,
  type BackendChoice,
  type BackendTiming,
  type ThreadTiming,
} from "../backend/choice";
import { buildModel } from "../model/build";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "./config";
import { trainLoop, TrainingDivergedError, type LoopCallbacks } from "./loop";
import { exampleShape, featureRange, valuesOf } from "./batchSource";
import {
  choosesThreads,
  measureBackends,
  timeWasmThreads,
  type MeasureBudget,
  type WasmThreadControl,
} from "./measure";
import type { AnyTrainingData, Checkpoint, TrainOutcome } from "./types";
import { messageOf } from "../errors";

/** Something that happened to a backend, for the person to read. */
export interface BackendNote {
  backend: BackendName;
  /** "unavailable": could not start; "unsupported": lacks a kernel the model needs; "failed": broke mid-run. */
  kind: "unavailable" | "unsupported" | "failed";
  message: string;
  /** The backend training goes on with, if any. */
  next: BackendName | null;
  /** The epoch training resumes after (0: from the start). */
  resumeAfterEpoch: number;
}

export interface RunCallbacks extends LoopCallbacks {
  /** Training (re)starts on this backend. */
  onBackend?: (backend: BackendName) => void;
  onBackendNote?: (note: BackendNote) => void;
  /** Auto only: the backends' measured speeds and the choice, measured now or cached (`cached`). */
  onChoice?: (choice: BackendChoice, cached: boolean) => void;
  /** Training runs on wasm with this many threads, chosen from `measured` (one per count timed). */
  onWasmThreads?: (threads: number, measured: ThreadTiming[]) => void;
}

export interface RunResult {
  model: tf.LayersModel;
  backend: BackendName;
  outcome: TrainOutcome;
}

export interface RunOptions {
  spec: ModelSpec;
  data: AnyTrainingData;
  config: TrainConfig;
  preference: BackendPreference;
  /** Makes `name` the active tf.js backend; throws when it cannot start here. */
  activateBackend: (name: BackendName) => Promise<void>;
  /** What the active backend's adapter says of itself, to tell a software GPU from a real one. */
  describeAdapter?: (name: BackendName) => Promise<AdapterDescription | null>;
  /** Auto only: a choice measured earlier for this model and device; training skips measuring. */
  cachedChoice?: BackendChoice | null;
  measureBudget?: MeasureBudget;
  /** wasm's thread pool: when it offers a choice, the count is measured for this model. */
  wasmThreads?: WasmThreadControl;
  callbacks?: RunCallbacks;
  /** A checkpoint saved by an earlier run of the same spec, data and config: training goes on from it. */
  resumeFrom?: Checkpoint | null;
}

/**
 * One training step on a throwaway copy of the model, to learn whether the active backend has every
 * kernel the model needs (forward and backward). tf.js throws on a missing kernel rather than falling
 * back, so the studio asks before it starts.
 */
export async function probeBackend(
  spec: ModelSpec,
  data: AnyTrainingData,
  config: TrainConfig,
): Promise<void> {
  const rows = Math.min(2, data.train.rows);
  const probe = buildModel(tf, spec, { seed: config.seed });
  const optimizer = tf.train.sgd(0);
  try {
    const loss = tf.tidy(() => {
      const x = tf.tensor(featureRange(valuesOf(data.train), 0, rows, data.featureCount), [
        rows,
        ...exampleShape(data),
      ]);
      const cost = optimizer.minimize(
        () => tf.mean(probe.apply(x, { training: true }) as tf.Tensor),
        true,
      );
      return cost ?? tf.scalar(0);
    });
    await loss.data();
    loss.dispose();
  } finally {
    probe.dispose();
    optimizer.dispose();
  }
}

/**
 * The backends to try in order, and the timings behind it. An explicit choice: that one, then the
 * slower ones. Auto: the cached choice first, or else every backend timed on a few training steps
 * of this model, fastest first (the figures go to `onChoice`).
 */
async function orderCandidates(
  options: RunOptions,
): Promise<{ candidates: BackendName[]; timings: BackendTiming[] }> {
  if (options.preference !== "auto")
    return { candidates: backendCandidates(options.preference), timings: [] };
  const cached = options.cachedChoice;
  if (cached) {
    options.callbacks?.onChoice?.(cached, true);
    const rest = backendsByMeasuredSpeed(cached.timings).filter((b) => b !== cached.backend);
    return { candidates: [cached.backend, ...rest], timings: cached.timings };
  }
  const timings = await measureBackends({
    spec: options.spec,
    data: options.data,
    config: options.config,
    backends: BACKEND_ORDER,
    activateBackend: options.activateBackend,
    probe: () => probeBackend(options.spec, options.data, options.config),
    describeAdapter: options.describeAdapter,
    budget: options.measureBudget,
    wasmThreads: options.wasmThreads,
  });
  const fastest = fastestBackend(timings);
  if (fastest) options.callbacks?.onChoice?.({ backend: fastest, timings }, false);
  return { candidates: backendsByMeasuredSpeed(timings), timings };
}

/**
 * On wasm with a choice of threads: the count for this model, from `timings` when they hold one
 * (auto measured it, or a cached choice did), else timed now on the active backend. Sets the pool
 * to it and says so (onWasmThreads).
 */
async function settleWasmThreads(
  options: RunOptions,
  control: WasmThreadControl,
  timings: BackendTiming[],
): Promise<void> {
  let wasmTimings = timings.filter((t) => t.backend === "wasm" && t.threads !== undefined);
  if (preferredWasmThreads(wasmTimings) === null) {
    wasmTimings = await timeWasmThreads(
      options.spec,
      options.data,
      options.config,
      control,
      options.measureBudget,
    );
  }
  const threads = preferredWasmThreads(wasmTimings) ?? control.counts[0] ?? 1;
  control.set(threads);
  options.callbacks?.onWasmThreads?.(
    threads,
    wasmTimings.map((t) => ({
      threads: t.threads ?? 1,
      samplesPerSecond: t.samplesPerSecond ?? 0,
    })),
  );
}

/**
 * Trains on the first backend that works, in the order `orderCandidates` gives (measured for auto). A
 * backend that cannot start, or lacks a kernel, is skipped; one that fails mid-run is left, and
 * training resumes on the next from the last end-of-epoch checkpoint (weights and optimizer state).
 */
export async function runTraining(options: RunOptions): Promise<RunResult> {
  const { spec, data, config, callbacks = {} } = options;
  const { candidates, timings } = await orderCandidates(options);
  const threadControl = choosesThreads(options.wasmThreads) ? options.wasmThreads : null;
  let checkpoint: Checkpoint | null = options.resumeFrom ?? null;
  const failures: string[] = [];

  for (let i = 0; i < candidates.length; i++) {
    const backend = candidates[i] as BackendName;
    const next = candidates[i + 1] ?? null;
    const note = (kind: BackendNote["kind"], message: string) => {
      failures.push(`${backend}: ${message}`);
      callbacks.onBackendNote?.({
        backend,
        kind,
        message,
        next,
        resumeAfterEpoch: checkpoint?.epoch ?? 0,
      });
    };
    const threads = backend === "wasm" ? threadControl : null;
    // Before wasm starts: its pool begins at the count known for this model, or the fewest threads.
    threads?.set(preferredWasmThreads(timings) ?? threads.counts[0] ?? 1);
    try {
      await options.activateBackend(backend);
    } catch (error) {
      note("unavailable", messageOf(error));
      continue;
    }
    try {
      await probeBackend(spec, data, config);
    } catch (error) {
      note("unsupported", messageOf(error));
      continue;
    }
    if (threads) await settleWasmThreads(options, threads, timings);
    callbacks.onBackend?.(backend);
    const model = buildModel(tf, spec, { seed: config.seed });
    try {
      const outcome = await trainLoop(
        model,
        data,
        config,
        {
          ...callbacks,
          onEpoch: (metrics, saved) => {
            checkpoint = saved;
            callbacks.onEpoch?.(metrics, saved);
          },
        },
        checkpoint,
      );
      return { model, backend, outcome };
    } catch (error) {
      model.dispose();
      if (error instanceof TrainingDivergedError) throw error;
      note("failed", messageOf(error));
    }
  }
  throw new Error(`No backend could train this model. ${failures.join(" ")}`);
}
