import * as tf from "@tensorflow/tfjs";
import { backendCandidates, type BackendName, type BackendPreference } from "../backend/backends";
import { buildModel } from "../model/build";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "./config";
import { trainLoop, TrainingDivergedError, type LoopCallbacks } from "./loop";
import { exampleShape, featureRange, valuesOf } from "./batchSource";
import type { AnyTrainingData, Checkpoint, TrainOutcome } from "./types";

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
  callbacks?: RunCallbacks;
  /** A checkpoint saved by an earlier run of the same spec, data and config: training goes on from it. */
  resumeFrom?: Checkpoint | null;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
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
 * Trains on the first backend that works, in the order `backendCandidates(preference)` gives. A
 * backend that cannot start, or lacks a kernel, is skipped; one that fails mid-run is left, and
 * training resumes on the next from the last end-of-epoch checkpoint (weights and optimizer state).
 */
export async function runTraining(options: RunOptions): Promise<RunResult> {
  const { spec, data, config, callbacks = {} } = options;
  const candidates = backendCandidates(options.preference);
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
