/**
 * Plain, serialisable data types for tables. Everything here crosses the worker boundary and is
 * stored as is, so it holds only JSON values and typed arrays.
 */

import type { FittedColumnTransform } from "./columnKinds";
import type { ImagePreprocessing } from "./images/types";

/** A parsed table, column-major. Missing cells (empty, NA, N/A, null, ?, -) are `null`. */
export interface ParsedTable {
  version: 1;
  fileName: string;
  headers: string[];
  /** `columns[c][r]` is the raw text of row r in column c, trimmed, or null when missing. */
  columns: Array<Array<string | null>>;
  rowCount: number;
  /** The delimiter papaparse settled on: ",", ";", "\t" or "|". */
  delimiter: string;
  encoding: "utf-8" | "windows-1252";
  /** Reports of what was skipped or changed while parsing, for a role="status" region. */
  notes: string[];
}

/** Every type a column can have; those with a column kind (`columnKinds/`) can be inputs. */
export const COLUMN_TYPES = [
  "numeric",
  "categorical",
  "boolean",
  "date",
  "identifier",
  "text",
  "empty",
] as const;
export type ColumnType = (typeof COLUMN_TYPES)[number];

/** The numeric features a date column turns into, in this order (names `<column>:<feature>`). */
export const DATE_FEATURES = ["year", "month", "dayOfWeek", "daysSinceStart"] as const;
export type DateFeature = (typeof DATE_FEATURES)[number];

/** How a date column's text is read: ISO (2024-03-05), day-first (05/03/2024) or month-first. */
export type DateOrder = "iso" | "dmy" | "mdy";

/** What the studio learned about one column; shown in the column table. */
export interface ColumnProfile {
  name: string;
  /** Index into ParsedTable.columns. */
  index: number;
  inferredType: ColumnType;
  missingCount: number;
  uniqueCount: number;
  /** Numeric columns: parsed with a decimal comma ("3,5" = 3.5). */
  decimalComma: boolean;
  /** Numeric columns: the values. Date columns: min and max in days since 1970-01-01 UTC. */
  min?: number;
  max?: number;
  mean?: number;
  /** Date columns: the order their text was read in. */
  dateOrder?: DateOrder;
  /** Every value is an integer (numeric columns only). */
  integer?: boolean;
  /** Most frequent values with counts, most frequent first (at most 5). */
  topValues: Array<{ value: string; count: number }>;
}

/** "missing-category": categorical columns only; missing cells become a "(missing)" category. */
export type ImputeStrategy = "mean" | "median" | "most-frequent" | "constant" | "missing-category";

/** The category that missing cells become under the "missing-category" strategy. */
export const MISSING_CATEGORY = "(missing)";
export type NumericScaling = "standardize" | "minmax" | "none";

/** What the person chose for one column (editable in the column table). */
export interface ColumnSettings {
  name: string;
  type: ColumnType;
  use: boolean;
  impute: ImputeStrategy;
  /** Used when impute is "constant" (a number for numeric columns, a category otherwise). */
  imputeConstant: string;
  scaling: NumericScaling;
  /** Date columns: how the text is read (defaults to the inferred order, else ISO). */
  dateOrder?: DateOrder;
}

export type TaskKind = "classification" | "regression";

/** A fitted transform for one input column: one member per kind, in `columnKinds/`. */
export type { FittedColumnTransform };

export type LabelEncoding =
  | { kind: "classes"; column: string; classNames: string[] }
  | { kind: "standardized"; column: string; decimalComma: boolean; mean: number; std: number };

export interface Preprocessing {
  version: 1;
  task: TaskKind;
  inputs: FittedColumnTransform[];
  /** Names of the model's input features, in order (one-hot columns expand to column=value). */
  featureNames: string[];
  label: LabelEncoding;
  /**
   * Images only: how a raw picture becomes the model's input [size, size, channels] (resize with
   * `fit`, then pixel / 255). Then `inputs` and `featureNames` are empty and `label` is "classes".
   */
  image?: ImagePreprocessing;
}

export interface SplitFractions {
  train: number;
  validation: number;
  test: number;
}

/** Row indices of each split. */
export interface SplitIndices {
  train: number[];
  validation: number[];
  test: number[];
}

/** Features and targets of one split, ready for tensors. */
export interface PreparedSplit {
  /** Row-major [rows, featureCount]. */
  x: Float32Array;
  /**
   * Classification: class index per row. Regression: the standardised target per row.
   */
  y: Float32Array;
  rows: number;
  /** Index of each row in the original table. */
  rowIndices: number[];
}
