import type { BackendName, BackendPreference } from "../core/backend/backends";
import type { BackendChoice, ThreadTiming } from "../core/backend/choice";
import type { ModelSpec } from "../core/model/spec";
import type { ReportInputs, ReportParts } from "../core/eval/runReport";
import type { LinearBaselineOutputs } from "../core/eval/linearOutputs";
import type { Method } from "./rpc";
import type { FineTuneSettings } from "../core/transfer/train";
import type { TrainConfig } from "../core/train/config";
import type { BackendNote } from "../core/train/run";
import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import type { ImageBuildResult } from "../core/data/images/build";
import type { DroppedFile, ImageLoadRequest, PictureShape } from "./imageService";
import type { PictureResult } from "../core/data/images/picture";
import type { LoadedDataset, PlanChoices, PlanReply, PrepareReply } from "./dataService";
import type { PermutationImportance } from "../core/eval/importance";
import type { InputEffects } from "../core/eval/inputEffects";
import type { Saliency } from "../core/eval/occlusion";
import type {
  BundleExportReply,
  BundleImportReply,
  CsvPredictReply,
  ImportanceRows,
  InlineLinkReply,
} from "./predictService";
import type {
  AnyTrainingData,
  DataSplit,
  Checkpoint,
  EpochMetrics,
  StoredTensor,
  TrainOutcome,
} from "../core/train/types";

/**
 * What the page and the workers say to each other, as one protocol per worker (see rpc.ts). Every
 * training message carries the run id it belongs to, so that late messages of a cancelled run are
 * recognised and dropped.
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

/**
 * The training worker: one run per worker. `stop` asks the run to finish its batch and evaluate
 * the best weights; to cancel, the page ends the worker.
 */
export type TrainingProtocol = {
  train: Method<TrainRequest, TrainingDone, TrainingProgress>;
  stop: Method<{ runId: string }, void>;
};

/** Progress as `done` of `total` items. */
export interface Count {
  done: number;
  total: number;
}

/** The data worker owns the loaded table; the page holds only its summaries. */
export type DataProtocol = {
  load: Method<
    { file: Blob; fileName: string },
    LoadedDataset,
    { bytesRead: number; totalBytes: number }
  >;
  plan: Method<{ datasetId: string; choices: PlanChoices }, PlanReply>;
  prepare: Method<
    {
      datasetId: string;
      choices: PlanChoices;
      /** Cross-validation folds to prepare besides the split (0: none). */
      folds?: number;
    },
    PrepareReply
  >;
  "load-images": Method<
    { files: DroppedFile[]; request: ImageLoadRequest },
    ImageBuildResult,
    Count
  >;
  /** Ends the picture load in progress, which then fails as cancelled. */
  "cancel-images": Method<void, void>;
  "decode-picture": Method<{ file: Blob; name: string; image: PictureShape }, PictureResult>;
};

/**
 * The model a predict request is about. The predict worker keeps the last model it built: a
 * request names the model by the id the client gave it and carries the model itself only when the
 * worker does not have it yet.
 */
export interface ModelRef {
  modelId: string;
  model?: TrainedModel;
}

export type PredictProtocol = {
  predict: Method<ModelRef & { records: RawRecord[] }, Prediction[]>;
  "predict-csv": Method<ModelRef & { file: Blob; fileName: string }, CsvPredictReply>;
  export: Method<ModelRef, BundleExportReply>;
  effects: Method<ModelRef & { record: RawRecord }, InputEffects>;
  importance: Method<ModelRef & ImportanceRows, PermutationImportance, Count>;
  /** `pixels`: bytes [size, size, channels] as the data worker decoded them. */
  "predict-picture": Method<ModelRef & { pixels: Uint8Array }, Prediction>;
  saliency: Method<ModelRef & { pixels: Uint8Array; classIndex: number }, Saliency, Count>;
  "read-bundle": Method<{ file: Blob }, BundleImportReply>;
  "encode-link": Method<ModelRef, InlineLinkReply>;
  "decode-link": Method<{ payload: string }, BundleImportReply>;
};
