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
import type { TrainRequest } from "../core/train/runMessages";

/**
 * Messages between the page and the workers. The training run's request and messages are
 * `core/train/runMessages.ts` (the same job runs in-process in Node tests).
 */

export type ToTrainingWorker = TrainRequest | { type: "stop"; runId: string };

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
