import type { SmallClass } from "./classBalance";
import type { RowOrigin } from "../eval/predictionsCsv";
import type { RawRecord } from "../project/trainedModel";
import type {
  ColumnProfile,
  ColumnSettings,
  LabelEncoding,
  ParsedTable,
  Preprocessing,
  SplitFractions,
  TaskKind,
} from "./types";

/**
 * What the data service (the data worker) answers the page: summaries of the loaded table, the
 * split and preprocessing fitted for the page's choices, and the training arrays. Plain data
 * (JSON and typed arrays), so it crosses to and from a worker as it is.
 */

/** What the page knows about the loaded table. */
export interface DatasetSummary {
  fileName: string;
  headers: string[];
  rowCount: number;
  delimiter: string;
  encoding: ParsedTable["encoding"];
  notes: string[];
  /** The first rows as read (row-major, null for missing), for the Data section's preview. */
  preview: Array<Array<string | null>>;
}

export interface LoadedDataset {
  datasetId: string;
  summary: DatasetSummary;
  profiles: ColumnProfile[];
}

/** The choices that decide how the table becomes model inputs. */
export interface PlanChoices {
  settings: ColumnSettings[];
  target: string;
  task: TaskKind;
  fractions: SplitFractions;
  seed: number;
}

export interface PlanSummary {
  preprocessing: Preprocessing;
  featureCount: number;
  classNames: string[];
  sizes: { train: number; validation: number; test: number };
  /** Classes too small to appear in every split (classification). */
  smallClasses: SmallClass[];
}

export type PlanReply = { ok: true; plan: PlanSummary } | { ok: false; problem: string };

export interface PreparedSplitArrays {
  /** Row-major [rows, featureCount]. */
  x: Float32Array;
  /** Class index or standardised target per row. */
  y: Float32Array;
  rows: number;
}

/** Everything a training run and its report need, as transferable arrays. */
export interface PreparedData {
  plan: PlanSummary;
  train: PreparedSplitArrays;
  validation: PreparedSplitArrays;
  test: PreparedSplitArrays;
  /** Regression: the targets as written in the file (float64); empty for classification. */
  testTargets: Float64Array;
  trainTargets: Float64Array;
  /** The first test rows as raw records (input columns and target), for a TrainedModel. */
  sampleRows: RawRecord[];
  /** Where each test row sits in the file (and its id), for the predictions CSV. */
  testOrigin: RowOrigin;
  /** Cross-validation folds of the training and validation rows, when asked for. */
  folds?: PreparedFold[];
}

/**
 * One cross-validation fold as arrays, preprocessed by what was fitted on its own training rows:
 * the network trains on `train` (stopping early on `validation`) and is tested on `test`.
 */
export interface PreparedFold {
  train: PreparedSplitArrays;
  validation: PreparedSplitArrays;
  test: PreparedSplitArrays;
  /** Regression: the test and training rows' targets as written (float64); empty for classes. */
  testTargets: Float64Array;
  trainTargets: Float64Array;
  /** The fold's target encoding, to turn its standardised predictions into the target's units. */
  label: LabelEncoding;
}

export type PrepareReply = { ok: true; data: PreparedData } | { ok: false; problem: string };
