import type { TaskKind } from "../data/types";

/** Features and targets of one split as flat arrays. */
export interface ArraySplit {
  /** Row-major [rows, featureCount]. */
  x: Float32Array;
  /** Class index (classification) or standardised target (regression), one per row. */
  y: Float32Array;
  rows: number;
}

export interface TrainingData {
  task: TaskKind;
  featureCount: number;
  /** Classification only. */
  classCount: number;
  train: ArraySplit;
  validation: ArraySplit;
  /** Regression: the target's standard deviation, to report MAE in the target's own units. */
  targetScale: number;
}

/** The metrics of one finished epoch. `metric` is accuracy (classification) or MAE (regression). */
export interface EpochMetrics {
  epoch: number;
  loss: number;
  metric: number;
  valLoss: number | null;
  valMetric: number | null;
  /** Live tensors after the epoch: flat from epoch to epoch, or something leaks. */
  numTensors: number;
  seconds: number;
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
