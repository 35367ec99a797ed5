import type { Method } from "./rpc";
import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import type { ImageBuildResult } from "../core/data/images/build";
import type { DroppedFile, ImageLoadRequest, PictureShape } from "../services/imageService";
import type { PictureResult } from "../core/data/images/picture";
import type {
  LoadedDataset,
  PlanChoices,
  PlanReply,
  PrepareReply,
} from "../core/data/preparedData";
import type { ImportanceRows, PermutationImportance } from "../core/eval/importance";
import type { InputEffects } from "../core/eval/inputEffects";
import type { Saliency } from "../core/eval/occlusion";
import type {
  BundleExportReply,
  BundleImportReply,
  CsvPredictReply,
  InlineLinkReply,
} from "../services/predictService";
import type { TrainingDone, TrainingProgress, TrainRequest } from "../core/train/runMessages";

/**
 * What the page and the workers say to each other, as one protocol per worker (see rpc.ts). The
 * training run's request and messages are `core/train/runMessages.ts` (the same job runs
 * in-process in Node tests).
 */

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
