import type { AugmentationSettings } from "../data/images/augment";
import type { TaskKind } from "../data/types";

/** Features and targets of one split as flat arrays. */
export interface ArraySplit {
  /** Row-major [rows, featureCount]. */
  x: Float32Array;
  /** Class index (classification) or standardised target (regression), one per row. */
  y: Float32Array;
  rows: number;
}

/**
 * Images of one split as bytes, row-major [rows, H, W, C], 0–255. They become floats (÷255) one
 * batch at a time (see batchSource.ts), never all at once.
 */
export interface ImageSplit {
  pixels: Uint8Array;
  /** Class index per image. */
  y: Float32Array;
  rows: number;
}

/** A split as the training loop reads it: a table's floats or images' bytes. */
export type DataSplit = ArraySplit | ImageSplit;

/**
 * What the training loop trains on. `Split` is ArraySplit for tables (the default, so table code
 * reads `.x` as before) and DataSplit where images may come too (the loop, the training worker).
 */
export interface TrainingData<Split extends DataSplit = ArraySplit> {
  task: TaskKind;
  /** Numbers per example: the table's feature count, or H × W × C for images. */
  featureCount: number;
  /** The shape of one example, e.g. [28, 28, 1]; absent for tables, which are [featureCount]. */
  inputShape?: number[];
  /** Classification only. */
  classCount: number;
  train: Split;
  validation: Split;
  /** Images only: seeded on-the-fly augmentation of training batches; absent means none. */
  augmentation?: AugmentationSettings;
  /** Regression: the target's standard deviation, to report MAE in the target's own units. */
  targetScale: number;
}

/** The metrics of one finished epoch. `metric` is accuracy (classification) or MAE (regression). */
export interface EpochMetrics {
  epoch: number;
  /** The mean training loss over the epoch's batches: the data loss plus `penalty`. */
  loss: number;
  metric: number;
  valLoss: number | null;
  valMetric: number | null;
  /** Live tensors after the epoch: flat from epoch to epoch, or something leaks. */
  numTensors: number;
  seconds: number;
  /**
   * The layers' weight penalties (L1/L2) included in `loss`, averaged as it is; absent without
   * penalties (and in runs saved before it was kept). `loss − penalty` is the data loss, the one
   * `valLoss` measures.
   */
  penalty?: number;
}

export interface BatchProgress {
  epoch: number;
  batch: number;
  batches: number;
  loss: number;
  samplesPerSecond: number;
}

/** A tensor's values copied to the CPU, so they outlive the backend that made them. */
export interface StoredTensor {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** The state at the end of an epoch, enough to resume training on another backend. */
export interface Checkpoint {
  /** Epochs completed. */
  epoch: number;
  weights: StoredTensor[];
  optimizer: StoredTensor[];
  best: { epoch: number; monitored: number; weights: StoredTensor[] } | null;
  epochsWithoutImprovement: number;
  history: EpochMetrics[];
}

export type StopReason = "completed" | "early-stopped" | "stopped";

export interface TrainOutcome {
  reason: StopReason;
  /** The epoch whose weights the model now holds (1-based). */
  bestEpoch: number;
  history: EpochMetrics[];
}

/** Training data whose splits may be tables or images: what the loop and the worker accept. */
export type AnyTrainingData = TrainingData<DataSplit>;
