import type { BackendName } from "../backend/backends";
import type { Preprocessing, TaskKind } from "../data/types";
import type { EvaluationReport } from "../eval/types";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "../train/config";
import type { EpochMetrics, StoredTensor } from "../train/types";
import type { SampleImage } from "./sampleImages";

/** The one constant for the current TrainedModel format; bump it with a migration step. */
export const TRAINED_MODEL_VERSION = 1;

/** A raw record as it appears in the table: column name → trimmed cell text, null when missing. */
export type RawRecord = Record<string, string | null>;

/**
 * A trained model as plain data: what export, import, try-it, projects and links all share. A
 * worker builds tf.js from it (`buildModel(spec)` then the weights in order) whenever it needs one.
 */
export interface TrainedModel {
  version: typeof TRAINED_MODEL_VERSION;
  /** A short name a person recognises (file stem and target), also the serving model's name. */
  name: string;
  spec: ModelSpec;
  /**
   * Every weight in `model.weights` order of the tf.js model built from `spec`; `name` is the
   * variable's original name (`<node id>/kernel`), `shape` its shape, `values` row-major float32.
   */
  weights: StoredTensor[];
  /** Fitted on the training split; applying it to a RawRecord gives the model's input row. */
  preprocessing: Preprocessing;
  /** Class names in output order (classification); empty for regression. */
  labels: string[];
  task: TaskKind;
  /** The evaluation on the test split when the run ended. */
  report: EvaluationReport;
  trainConfig: TrainConfig;
  /** The backend the weights were trained on. */
  backend: BackendName;
  /** ISO 8601. */
  createdAt: string;
  /** Per-epoch curves of the run. */
  history: EpochMetrics[];
  /** Where the model came from, for the model card and for people who import it. */
  dataset: {
    fileName: string;
    /** Rows with a target, and the sizes of the splits. */
    rows: number;
    split: { train: number; validation: number; test: number };
    /** Every input column the preprocessing reads, then the target. */
    columns: string[];
  };
  /**
   * Up to 20 raw test rows (input columns and the target): they pre-fill try-it after an import, and
   * the model card's example request is made from the first.
   */
  sampleRows: RawRecord[];
  /**
   * Image models: up to MAX_SAMPLE_IMAGES test pictures (label, [H, W, C], base64 bytes). They
   * pre-fill try-it after an import or from a link, and the model card's example request is made
   * from the first. Absent for tables and for models saved before pictures were kept.
   */
  sampleImages?: SampleImage[];
  /**
   * Two-class models: the probability of the second class (`labels[1]`, the positive one) from
   * which the model answers that class, as chosen in the report. Absent means 0.5; every place that
   * turns this model's probabilities into a class applies it (`decideClass`).
   */
  decisionThreshold?: number;
  /**
   * Present when this is the report's linear model rather than a trained network: ridge regression
   * (`penalty` is its alpha) or L2 logistic regression (`penalty` is 1/C), fitted on the training
   * split in one go. Its spec is Input → Dense; absent for networks and models saved before.
   */
  linearFit?: LinearFit;
}

export interface LinearFit {
  method: "ridge" | "logistic";
  penalty: number;
  /** Pictures: what it was fitted on, in words ("the 64 features of the frozen shapes-cnn"). */
  inputs?: string;
}
