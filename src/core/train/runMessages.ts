import type { BackendName, BackendPreference } from "../backend/backends";
import type { BackendChoice, ThreadTiming } from "../backend/choice";
import type { LinearBaselineOutputs } from "../eval/linearOutputs";
import type { ReportInputs, ReportParts } from "../eval/runReport";
import type { ModelSpec } from "../model/spec";
import type { FineTuneSettings } from "../transfer/train";
import type { TrainConfig } from "./config";
import type { BackendNote } from "./run";
import type {
  AnyTrainingData,
  Checkpoint,
  DataSplit,
  EpochMetrics,
  StoredTensor,
  TrainOutcome,
} from "./types";

export type { LinearBaselineOutputs } from "../eval/linearOutputs";

/**
 * A training run's request and the messages it answers with, between the page and whatever trains
 * (the training worker through worker/rpc.ts, or the same job in-process in Node tests). Every
 * message carries the run id it belongs to, so that late messages of a cancelled run are recognised
 * and dropped.
 */

export interface TrainRequest {
  runId: string;
  spec: ModelSpec;
  data: AnyTrainingData;
  /**
   * Test features, row-major [rows, featureCount], predicted with the final weights: floats
   * (tables) or image bytes (scaled by 1/255 a batch at a time, shaped as data.inputShape).
   */
  test: { x: Float32Array | Uint8Array; rows: number };
  config: TrainConfig;
  preference: BackendPreference;
  /** Go on from this end-of-epoch checkpoint (a run cut short by a reload) instead of epoch 0. */
  resumeFrom?: Checkpoint;
  /** Auto: a choice measured earlier for this model on this device, so the run skips measuring. */
  cachedChoice?: BackendChoice | null;
  /**
   * The weights of the spec's frozen pretrained layers (named `<node id>/<suffix>`) and whether to
   * fine-tune afterwards: the run trains the head on the backbone's features (see core/transfer).
   */
  pretrained?: { weights: StoredTensor[]; fineTune: FineTuneSettings | null };
  /**
   * Cross-validation: after the main run, the same spec and config train once per fold (on the
   * backend the main run used) and the linear model is fitted on each fold too.
   */
  folds?: FoldTrainRequest[];
  /** The test rows' truth: the worker computes the report when the run ends (off the page). */
  report?: ReportInputs;
}

/** One cross-validation fold: preprocessed by what was fitted on the fold's own training rows. */
export interface FoldTrainRequest {
  /** Tables: preprocessed rows. Pictures: their bytes, as the main run's data holds them. */
  train: DataSplit;
  validation: DataSplit;
  /** The held-out rows, row-major [rows, featureCount]: floats, or picture bytes. */
  test: { x: Float32Array | Uint8Array; rows: number };
  /** Regression: the fold's target standard deviation (see TrainingData.targetScale). */
  targetScale: number;
}

/** What one fold's models answer on its held-out rows (laid out as `testOutputs`). */
export interface FoldOutputs {
  network: Float32Array;
  linear: LinearBaselineOutputs | null;
}

/** Batch losses collected since the last message (sent at most every 100 ms). */
export interface BatchUpdate {
  type: "batches";
  runId: string;
  epoch: number;
  batch: number;
  batches: number;
  samplesPerSecond: number;
  losses: number[];
}

export type FromTrainingWorker =
  | { type: "backend"; runId: string; backend: BackendName }
  | { type: "backend-note"; runId: string; note: BackendNote }
  /** Auto: the measured speeds and the backend chosen (`cached`: from an earlier measurement). */
  | { type: "backend-choice"; runId: string; choice: BackendChoice; cached: boolean }
  /** Where training runs: wasm threads (1 when the page is not cross-origin isolated). */
  | { type: "runtime"; runId: string; wasmThreads: number | null; crossOriginIsolated: boolean }
  /** wasm: the thread count chosen for this model and the speeds measured at each count. */
  | { type: "wasm-threads"; runId: string; threads: number; measured: ThreadTiming[] }
  | BatchUpdate
  /** The pretrained backbone's features computed for `done` of `total` pictures (or cached). */
  | { type: "features"; runId: string; done: number; total: number; cached: boolean }
  /** `checkpoint`: the state after this epoch, kept by the page so a reload can resume from it. */
  | { type: "epoch"; runId: string; metrics: EpochMetrics; checkpoint: Checkpoint }
  /** Cross-validation under way: fold (1-based) of folds, at this epoch of the fold's training. */
  | { type: "fold"; runId: string; fold: number; folds: number; epoch: number }
  | {
      type: "done";
      runId: string;
      backend: BackendName;
      outcome: TrainOutcome;
      /** Model outputs for the test rows, row-major [rows, outputSize]. */
      testOutputs: Float32Array;
      outputSize: number;
      /** The weights the run ends with, in `model.weights` order (see TrainedModel.weights). */
      weights: StoredTensor[];
      /** The linear baseline fitted on the same training split, and its test outputs. */
      linear: LinearBaselineOutputs | null;
      /** Cross-validation: each finished fold's outputs, in fold order (fewer when stopped). */
      folds?: FoldOutputs[];
      /** The report's arithmetic, when the request gave the test rows' truth (`report`). */
      reportParts?: ReportParts;
    }
  | { type: "error"; runId: string; message: string };

/** The message that ends a run well: what the store makes a TrainedModel and a report from. */
export type TrainingDone = Extract<FromTrainingWorker, { type: "done" }>;

/** What a run reports on the way (all but its end). */
export type TrainingProgress = Exclude<FromTrainingWorker, { type: "done" | "error" }>;
