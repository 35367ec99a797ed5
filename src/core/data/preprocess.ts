/**
 * Preprocessing fitted on the training rows only (so nothing about validation or test rows leaks
 * into the model) and applied identically to table rows and to single raw records when serving.
 */
import { parseNumber } from "./columns";
import { kindForType, kindOf } from "./columnKinds";
import { cellAt, cleanCell, type Column, type Encoder } from "./columnKinds/kind";
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
import { mean, std } from "./columnStats";

export { MAX_CATEGORIES } from "./columnKinds/categorical";
export { FALSE_WORDS, TRUE_WORDS, parseBoolean } from "./columnKinds/boolean";

function columnOf(table: ParsedTable, name: string): Column {
  const index = table.headers.indexOf(name);
  const values = index < 0 ? undefined : table.columns[index];
  if (!values) throw new Error(`The column “${name}” is not in ${table.fileName}.`);
  return values;
}

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
 * Fits preprocessing on `trainRows` only. Used columns other than the target whose type has a
 * column kind (numeric, categorical, boolean, date: `columnKinds/`) become inputs; the rest are
 * left out.
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
  const profileOf = (name: string) => profiles.find((p) => p.name === name);
  const inputs: FittedColumnTransform[] = [];
  for (const setting of settings) {
    if (!setting.use || setting.name === target) continue;
    const kind = kindForType(setting.type);
    if (!kind) continue;
    const values = columnOf(table, setting.name);
    inputs.push(kind.fit(values, trainRows, setting, profileOf(setting.name)));
  }
  const featureNames = inputs.flatMap((t) => kindOf(t).featureNames(t));

  const label = fitLabel(table, target, task, trainRows, profileOf(target)?.decimalComma ?? false);
  return { version: 1, task, inputs, featureNames, label };
}

const encoderFor = (t: FittedColumnTransform): Encoder => kindOf(t).encoder(t);
const widthOf = (t: FittedColumnTransform) => kindOf(t).width(t);

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
