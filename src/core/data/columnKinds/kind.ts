/**
 * What every column kind tells the rest of the studio: one object per kind (`numeric.ts`,
 * `categorical.ts`, `boolean.ts`, `date.ts`), found through the registry in `index.ts`. Callers ask
 * `kindOf(transform)` instead of switching on `transform.kind`, so a new kind is one new module.
 */
import { isMissingMarker } from "../csv";
import type { ColumnProfile, ColumnSettings, ColumnType } from "../types";
import type { ColumnGraph } from "./graph";

/** A table column's cells, as the CSV parser leaves them. */
export type Column = ReadonlyArray<string | null>;

/** A raw cell as the CSV parser leaves it: trimmed, and null when it spells a missing value. */
export function cleanCell(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return isMissingMarker(trimmed) ? null : trimmed;
}

/** The cleaned cell of a row (the parser already cleans; tables built by hand may not be). */
export const cellAt = (values: Column, row: number) => cleanCell(values[row]);

/** Writes one cleaned cell's features into `out` from `offset` (the kind's width of them). */
export type Encoder = (text: string | null, out: Float32Array, offset: number) => void;

/** The field a person fills for a column: what try-it shows for each input transform. */
export type RecordField =
  | { kind: "number"; column: string; decimalComma: boolean }
  | { kind: "category"; column: string; categories: string[] }
  | { kind: "boolean"; column: string }
  | { kind: "date"; column: string; order: "iso" | "dmy" | "mdy" };

/** A column's row in the model card's table of pipeline inputs. */
export interface CardLine {
  /** What the client sends for one cell, and what a missing or unusable one becomes. */
  accepts: string;
  /** What the pipeline turns it into. */
  becomes: string;
}

/**
 * One column kind's facts. Methods (not function-valued properties) on purpose: the registry hands
 * out `ColumnKind<FittedColumnTransform>` and each kind is only ever called with its own transform.
 */
export interface ColumnKind<T extends { kind: string; column: string }> {
  /** The `FittedColumnTransform` kind it fits (its key in the registry). */
  readonly kind: T["kind"];
  /** The column type (as inferred and chosen in the column table) that becomes this input. */
  readonly columnType: ColumnType;
  /** The settings a column of this type starts with (impute, scaling, date order). */
  settingDefaults(profile: ColumnProfile): Pick<ColumnSettings, "impute" | "scaling" | "dateOrder">;
  /** Fits the transform on the training rows only. `profile` is the column's, when known. */
  fit(
    values: Column,
    trainRows: number[],
    setting: ColumnSettings,
    profile: ColumnProfile | undefined,
  ): T;
  /** The model features it writes, in order (`featureNames` of the preprocessing). */
  featureNames(t: T): string[];
  /** How many features it writes. */
  width(t: T): number;
  /** Encodes a cleaned cell exactly as training did. */
  encoder(t: T): Encoder;
  /**
   * Writes the column's typical training value at `offset` of an encoded row (input effects in
   * try-it) and says it as a person would. `featureMeans`: the training features' means, if known.
   */
  writeReference(
    t: T,
    row: Float32Array,
    offset: number,
    featureMeans: ArrayLike<number> | undefined,
  ): string;
  /** The element type of its graph input in `onnx/pipeline.onnx`. */
  readonly pipelineInput: "float" | "string";
  /** What one cell (trimmed) becomes as that graph input. */
  pipelineCell(t: T, text: string | null): number | string;
  /** Its ONNX nodes: graph input `x` [batch, 1] → features [batch, width], or null for none. */
  graph(g: ColumnGraph, x: string, t: T): string | null;
  /** Its row in the model card. `fmt` formats numbers as the card does. */
  cardLine(t: T, fmt: (value: number) => string): CardLine;
  /** The try-it field it needs. */
  field(t: T): RecordField;
  /** Why a non-missing cell of a CSV of new rows cannot feed it, or null when it can. */
  valueProblem(t: T, text: string): string | null;
}
