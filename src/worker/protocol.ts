import type { BackendName, BackendPreference } from "../core/backend/backends";
import type { ModelSpec } from "../core/model/spec";
import type { TrainConfig } from "../core/train/config";
import type { BackendNote } from "../core/train/run";
import type { LoadedDataset, PlanChoices, PlanReply, PrepareReply } from "./dataService";
import type { EpochMetrics, TrainingData, TrainOutcome } from "../core/train/types";

/**
 * Messages between the page and the workers. Every training message carries the run id it belongs
 * to, so that late messages of a cancelled run are recognised and dropped.
 */

export interface TrainRequest {
  type: "train";
  runId: string;
  spec: ModelSpec;
  data: TrainingData;
  /** Test features, row-major [rows, featureCount], predicted with the final weights. */
  test: { x: Float32Array; rows: number };
  config: TrainConfig;
  preference: BackendPreference;
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
  | BatchUpdate
  | { type: "epoch"; runId: string; metrics: EpochMetrics }
  | {
      type: "done";
      runId: string;
      backend: BackendName;
      outcome: TrainOutcome;
      /** Model outputs for the test rows, row-major [rows, outputSize]. */
      testOutputs: Float32Array;
      outputSize: number;
    }
  | { type: "error"; runId: string; message: string };

export type ToDataWorker =
  | { type: "load"; requestId: number; file: File }
  | { type: "plan"; requestId: number; datasetId: string; choices: PlanChoices }
  | { type: "prepare"; requestId: number; datasetId: string; choices: PlanChoices };

export type FromDataWorker =
  | { type: "progress"; requestId: number; bytesRead: number; totalBytes: number }
  | { type: "loaded"; requestId: number; loaded: LoadedDataset }
  | { type: "planned"; requestId: number; reply: PlanReply }
  | { type: "prepared"; requestId: number; reply: PrepareReply }
  | { type: "failed"; requestId: number; message: string; cancelled: boolean };
