import type { BackendName, BackendPreference } from "../core/backend/backends";
import type { BackendChoice, ThreadTiming } from "../core/backend/choice";
import type { ModelSpec } from "../core/model/spec";
import type { ReportInputs, ReportParts } from "../core/eval/runReport";
import type { LinearBaselineOutputs } from "../core/eval/linearOutputs";
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
 * Messages between the page and the workers. Every training message carries the run id it belongs
 * to, so that late messages of a cancelled run are recognised and dropped.
 */

export interface TrainRequest {
  type: "train";
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

export type ToTrainingWorker = TrainRequest | { type: "stop"; runId: string };

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

export type ToDataWorker =
  | { type: "load"; requestId: number; file: File }
  | { type: "plan"; requestId: number; datasetId: string; choices: PlanChoices }
  | {
      type: "prepare";
      requestId: number;
      datasetId: string;
      choices: PlanChoices;
      /** Cross-validation folds to prepare besides the split (0: none). */
      folds?: number;
    }
  | { type: "load-images"; requestId: number; files: DroppedFile[]; request: ImageLoadRequest }
  | { type: "cancel-images"; requestId: number }
  | { type: "decode-picture"; requestId: number; file: File; image: PictureShape };

export type FromDataWorker =
  | { type: "progress"; requestId: number; bytesRead: number; totalBytes: number }
  | { type: "loaded"; requestId: number; loaded: LoadedDataset }
  | { type: "planned"; requestId: number; reply: PlanReply }
  | { type: "prepared"; requestId: number; reply: PrepareReply }
  | { type: "image-progress"; requestId: number; done: number; total: number }
  | { type: "images-loaded"; requestId: number; reply: ImageBuildResult }
  | { type: "picture-decoded"; requestId: number; reply: PictureResult }
  | { type: "failed"; requestId: number; message: string; cancelled: boolean };

/**
 * The predict worker keeps the last model it built. A request names the model by the id the client
 * gave it and carries the model itself only when the worker does not have it yet.
 */
export type ToPredictWorker =
  | {
      type: "predict";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
      records: RawRecord[];
    }
  | {
      type: "predict-csv";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
      file: File;
    }
  | { type: "export"; requestId: number; modelId: string; model?: TrainedModel }
  | {
      type: "effects";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
      record: RawRecord;
    }
  | ({
      type: "importance";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
    } & ImportanceRows)
  | {
      type: "predict-picture";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
      /** Bytes [size, size, channels] as the data worker decoded them. */
      pixels: Uint8Array;
    }
  | {
      type: "saliency";
      requestId: number;
      modelId: string;
      model?: TrainedModel;
      pixels: Uint8Array;
      classIndex: number;
    }
  | { type: "read-bundle"; requestId: number; file: File }
  | { type: "encode-link"; requestId: number; modelId: string; model?: TrainedModel }
  | { type: "decode-link"; requestId: number; payload: string };

export type FromPredictWorker =
  | { type: "predicted"; requestId: number; predictions: Prediction[] }
  | { type: "predicted-csv"; requestId: number; reply: CsvPredictReply }
  | { type: "exported"; requestId: number; reply: BundleExportReply }
  | { type: "bundle-read"; requestId: number; reply: BundleImportReply }
  | { type: "effects-done"; requestId: number; effects: InputEffects }
  | { type: "importance-progress"; requestId: number; done: number; total: number }
  | { type: "importance"; requestId: number; result: PermutationImportance }
  | { type: "picture-predicted"; requestId: number; prediction: Prediction }
  | { type: "saliency-progress"; requestId: number; done: number; total: number }
  | { type: "saliency-done"; requestId: number; saliency: Saliency }
  | { type: "link-encoded"; requestId: number; reply: InlineLinkReply }
  | { type: "link-decoded"; requestId: number; reply: BundleImportReply }
  | { type: "failed"; requestId: number; message: string };
