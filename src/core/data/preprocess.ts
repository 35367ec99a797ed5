/**
 * Preprocessing fitted on the training rows only (so nothing about validation or test rows leaks
 * into the model) and applied identically to table rows and to single raw records when serving.
 */
import { parseNumber } from "./columns";
import { isMissingMarker } from "./csv";
import { dateFeatureNames, dateFeatures, parseDateDays } from "./dates";
import type {
  ColumnProfile,
  ColumnSettings,
  FittedColumnTransform,
  LabelEncoding,
  ParsedTable,
  PreparedSplit,
  Preprocessing,
  TaskKind,
} from "./types";
import { DATE_FEATURES, MISSING_CATEGORY } from "./types";
import { imputeNumber, mean, median, std } from "./columnStats";

/** One-hot vocabularies keep the most frequent categories; rarer ones encode as all zeros. */
export const MAX_CATEGORIES = 100;

/** Words read as true and as false (any case), by parseBoolean and the ONNX pipeline. */
export const TRUE_WORDS: ReadonlySet<string> = new Set(["true", "yes", "t", "y", "1"]);
export const FALSE_WORDS: ReadonlySet<string> = new Set(["false", "no", "f", "n", "0"]);

/** A raw cell as the CSV parser leaves it: trimmed, and null when it spells a missing value. */
function cleanCell(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  const trimmed = text.trim();
  return isMissingMarker(trimmed) ? null : trimmed;
}

/** 1 for true/yes/t/y/1, 0 for false/no/f/n/0 (any case), null for anything else. */
export function parseBoolean(text: string): 0 | 1 | null {
  const lower = text.trim().toLowerCase();
  return TRUE_WORDS.has(lower) ? 1 : FALSE_WORDS.has(lower) ? 0 : null;
}

type Column = Array<string | null>;

function columnOf(table: ParsedTable, name: string): Column {
  const index = table.headers.indexOf(name);
  const values = index < 0 ? undefined : table.columns[index];
  if (!values) throw new Error(`The column “${name}” is not in ${table.fileName}.`);
  return values;
}

/** The cleaned cell of a row (the parser already cleans; tables built by hand may not be). */
const cellAt = (values: Column, row: number) => cleanCell(values[row]);

/** Numbers before text; numbers by value ("2" < "10"), text alphabetically. */
function naturalCompare(a: string, b: string, decimalComma: boolean): number {
  const x = parseNumber(a, decimalComma);
  const y = parseNumber(b, decimalComma);
  const aNumeric = !Number.isNaN(x);
  if (aNumeric !== !Number.isNaN(y)) return aNumeric ? -1 : 1;
  if (aNumeric && x !== y) return x - y;
  return a.localeCompare(b, "en") || (a < b ? -1 : a > b ? 1 : 0);
}

/** The distinct non-missing values of the target over the whole table, in natural order. */
export function classNamesOf(table: ParsedTable, target: string, decimalComma = false): string[] {
  const distinct = new Set<string>();
  for (const raw of columnOf(table, target)) {
    const value = cleanCell(raw);
    if (value !== null) distinct.add(value);
  }
  return [...distinct].sort((a, b) => naturalCompare(a, b, decimalComma));
}

/** Rows whose target is not missing. */
export function rowsWithTarget(table: ParsedTable, target: string): number[] {
  const rows: number[] = [];
  const values = columnOf(table, target);
  for (let row = 0; row < values.length; row++) if (cellAt(values, row) !== null) rows.push(row);
  return rows;
}

/** Class index of every row (-1 where the target is missing or not a class): labels for splits. */
export function targetClassIndices(
  table: ParsedTable,
  target: string,
  classNames: string[],
): number[] {
  const index = new Map(classNames.map((name, i) => [name, i]));
  const values = columnOf(table, target);
  return values.map((_, row) => index.get(cellAt(values, row) ?? "") ?? -1);
}

function fitNumeric(
  values: Column,
  trainRows: number[],
  setting: ColumnSettings,
  decimalComma: boolean,
): FittedColumnTransform {
  const parsed = trainRows.map((row) => parseNumber(cellAt(values, row) ?? "", decimalComma));
  const present = parsed.filter((v) => Number.isFinite(v));
  const constant = parseNumber(setting.imputeConstant, decimalComma);
  const fillValue = imputeNumber(present, setting.impute, constant);
  const imputed = parsed.map((v) => (Number.isFinite(v) ? v : fillValue));
  const base = { kind: "numeric" as const, column: setting.name, decimalComma, fillValue };
  if (setting.scaling === "standardize") {
    const center = mean(imputed);
    return { ...base, scaling: { kind: "standardize", mean: center, std: std(imputed, center) } };
  }
  if (setting.scaling === "minmax") {
    let min = Infinity;
    let max = -Infinity;
    for (const v of imputed) [min, max] = [Math.min(min, v), Math.max(max, v)];
    if (imputed.length === 0) [min, max] = [0, 1];
    // A constant column gets a range of 1, so it maps to 0 instead of dividing by zero.
    return { ...base, scaling: { kind: "minmax", min, max: max > min ? max : min + 1 } };
  }
  return { ...base, scaling: { kind: "none" } };
}

function fitCategorical(
  values: Column,
  trainRows: number[],
  setting: ColumnSettings,
): FittedColumnTransform {
  const counts = new Map<string, number>(); // insertion order = first appearance
  for (const value of trainRows.map((row) => cellAt(values, row))) {
    if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  // Array.prototype.sort is stable: equally frequent categories keep their first-appearance order.
  const categories = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, MAX_CATEGORIES)
    .map(([category]) => category);
  const { impute, imputeConstant } = setting;
  if (impute === "missing-category") {
    // Missing cells get a column of their own only when training saw some; otherwise a missing cell
    // at prediction time encodes as all zeros, like any category training never saw.
    const trainHasMissing = trainRows.some((row) => cellAt(values, row) === null);
    if (trainHasMissing && !categories.includes(MISSING_CATEGORY))
      categories.push(MISSING_CATEGORY);
    return { kind: "one-hot", column: setting.name, fillValue: MISSING_CATEGORY, categories };
  }
  const fillValue =
    impute === "constant"
      ? cleanCell(imputeConstant)
      : impute === "most-frequent"
        ? (categories[0] ?? null)
        : null;
  // A constant fill such as "(missing)" is a category of its own, not an unknown one.
  if (fillValue !== null && !categories.includes(fillValue)) categories.push(fillValue);
  return { kind: "one-hot", column: setting.name, fillValue, categories };
}

function fitBoolean(
  values: Column,
  trainRows: number[],
  setting: ColumnSettings,
): FittedColumnTransform {
  const present = trainRows
    .map((row) => parseBoolean(cellAt(values, row) ?? ""))
    .filter((bit) => bit !== null);
  const { impute, imputeConstant } = setting;
  const constant = parseBoolean(imputeConstant) ?? parseNumber(imputeConstant, false);
  return {
    kind: "boolean",
    column: setting.name,
    fillValue: imputeNumber(present, impute, constant),
  };
}

/**
 * A date column: missing or unreadable cells take the median training date, daysSinceStart counts
 * from the earliest training date, and each derived feature is standardised over the training rows.
 */
function fitDate(
  values: Column,
  trainRows: number[],
  setting: ColumnSettings,
): FittedColumnTransform {
  const order = setting.dateOrder ?? "iso";
  const parsed = trainRows.map((row) => parseDateDays(cellAt(values, row) ?? "", order));
  const present = parsed.filter((days) => Number.isFinite(days));
  const fillValue = median(present);
  const origin = present.reduce((a, b) => Math.min(a, b), present[0] ?? 0);
  const features = parsed.map((days) =>
    dateFeatures(Number.isFinite(days) ? days : fillValue, origin),
  );
  const scales = DATE_FEATURES.map((name) => {
    const column = features.map((f) => f[name]);
    const center = mean(column);
    return { mean: center, std: std(column, center) };
  });
  return { kind: "date", column: setting.name, order, fillValue, origin, scales };
}

/** Classes come from the whole table, so a class missing from training is still a known class. */
function fitLabel(
  table: ParsedTable,
  target: string,
  task: TaskKind,
  trainRows: number[],
  decimalComma: boolean,
): LabelEncoding {
  if (task === "classification") {
    return {
      kind: "classes",
      column: target,
      classNames: classNamesOf(table, target, decimalComma),
    };
  }
  const values = columnOf(table, target);
  const present = trainRows
    .map((row) => parseNumber(cellAt(values, row) ?? "", decimalComma))
    .filter((v) => Number.isFinite(v));
  const center = mean(present);
  return {
    kind: "standardized",
    column: target,
    decimalComma,
    mean: center,
    std: std(present, center),
  };
}

/**
 * Fits preprocessing on `trainRows` only. Used numeric, categorical, boolean and date columns other
 * than the target become inputs (by `settings.type`); the rest are left out.
 */
export function fitPreprocessing(
  table: ParsedTable,
  profiles: ColumnProfile[],
  settings: ColumnSettings[],
  target: string,
  task: TaskKind,
  trainRows: number[],
): Preprocessing {
  columnOf(table, target); // a missing target column fails here, with its name
  const decimalCommaOf = (name: string) => profiles.find((p) => p.name === name)?.decimalComma;
  const inputs: FittedColumnTransform[] = [];
  for (const setting of settings) {
    if (!setting.use || setting.name === target) continue;
    if (setting.type === "numeric") {
      const decimalComma = decimalCommaOf(setting.name) ?? false;
      inputs.push(fitNumeric(columnOf(table, setting.name), trainRows, setting, decimalComma));
    } else if (setting.type === "categorical") {
      inputs.push(fitCategorical(columnOf(table, setting.name), trainRows, setting));
    } else if (setting.type === "boolean") {
      inputs.push(fitBoolean(columnOf(table, setting.name), trainRows, setting));
    } else if (setting.type === "date") {
      inputs.push(fitDate(columnOf(table, setting.name), trainRows, setting));
    }
  }
  const featureNames = inputs.flatMap((t) =>
    t.kind === "one-hot"
      ? t.categories.map((c) => `${t.column}=${c}`)
      : t.kind === "date"
        ? dateFeatureNames(t.column)
        : [t.column],
  );

  const label = fitLabel(table, target, task, trainRows, decimalCommaOf(target) ?? false);
  return { version: 1, task, inputs, featureNames, label };
}

type Encoder = (text: string | null, out: Float32Array, offset: number) => void;

function encoderFor(t: FittedColumnTransform): Encoder {
  if (t.kind === "numeric") {
    const { scaling } = t;
    return (text, out, offset) => {
      const parsed = text === null ? NaN : parseNumber(text, t.decimalComma);
      const v = Number.isFinite(parsed) ? parsed : t.fillValue;
      if (scaling.kind === "standardize") out[offset] = (v - scaling.mean) / scaling.std;
      else if (scaling.kind === "minmax")
        out[offset] = (v - scaling.min) / (scaling.max - scaling.min);
      else out[offset] = v;
    };
  }
  if (t.kind === "boolean") {
    return (text, out, offset) => {
      out[offset] = (text === null ? null : parseBoolean(text)) ?? t.fillValue;
    };
  }
  if (t.kind === "date") {
    return (text, out, offset) => {
      const parsed = text === null ? NaN : parseDateDays(text, t.order);
      const features = dateFeatures(Number.isFinite(parsed) ? parsed : t.fillValue, t.origin);
      DATE_FEATURES.forEach((name, i) => {
        const scale = t.scales[i] ?? { mean: 0, std: 1 };
        out[offset + i] = (features[name] - scale.mean) / scale.std;
      });
    };
  }
  const index = new Map(t.categories.map((c, i) => [c, i]));
  return (text, out, offset) => {
    const category = text ?? t.fillValue;
    const position = category === null ? undefined : index.get(category);
    if (position !== undefined) out[offset + position] = 1;
  };
}

const widthOf = (t: FittedColumnTransform) =>
  t.kind === "one-hot" ? t.categories.length : t.kind === "date" ? DATE_FEATURES.length : 1;

/** The target encoded as the model's y, or null when the row has no usable target. */
function targetEncoder(label: LabelEncoding): (text: string | null) => number | null {
  if (label.kind === "classes") {
    const index = new Map(label.classNames.map((name, i) => [name, i]));
    return (text) => (text === null ? null : (index.get(text) ?? null));
  }
  return (text) => {
    const value = text === null ? NaN : parseNumber(text, label.decimalComma);
    return Number.isFinite(value) ? (value - label.mean) / label.std : null;
  };
}

/** Features and targets of `rows`; rows with a missing or unknown target are dropped. */
export function transformRows(
  table: ParsedTable,
  preprocessing: Preprocessing,
  rows: number[],
): PreparedSplit {
  const { inputs, label } = preprocessing;
  const columns = inputs.map((t) => columnOf(table, t.column));
  const encoders = inputs.map(encoderFor);
  const widths = inputs.map(widthOf);
  const width = widths.reduce((a, b) => a + b, 0);
  const targetValues = columnOf(table, label.column);
  const encodeTarget = targetEncoder(label);

  const x = new Float32Array(rows.length * width);
  const y = new Float32Array(rows.length);
  const rowIndices: number[] = [];
  for (const row of rows) {
    const target = encodeTarget(cellAt(targetValues, row));
    if (target === null) continue;
    const k = rowIndices.length;
    let offset = k * width;
    encoders.forEach((encode, i) => {
      encode(cellAt(columns[i] as Column, row), x, offset);
      offset += widths[i] as number;
    });
    y[k] = target;
    rowIndices.push(row);
  }
  const kept = rowIndices.length;
  return { x: x.slice(0, kept * width), y: y.slice(0, kept), rows: kept, rowIndices };
}

/** Features of one raw record (column name → text), exactly as transformRows would encode it. */
export function transformRecord(
  record: Record<string, string | null>,
  preprocessing: Preprocessing,
): Float32Array {
  const out = new Float32Array(preprocessing.featureNames.length);
  let offset = 0;
  for (const t of preprocessing.inputs) {
    encoderFor(t)(cleanCell(record[t.column]), out, offset);
    offset += widthOf(t);
  }
  return out;
}

/** A standardized regression output back in the target's units (float64). */
export function inverseTarget(
  preprocessing: Pick<Preprocessing, "label">,
  standardized: number,
): number {
  const { label } = preprocessing;
  if (label.kind !== "standardized") {
    throw new Error("inverseTarget applies to regression targets only.");
  }
  return standardized * label.std + label.mean;
}
