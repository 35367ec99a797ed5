/**
 * One column's fitted transform as ONNX nodes: the same semantics as `transformRecord` in
 * core/data/preprocess.ts, computed in float32. Each builder takes the column's graph input
 * (shape [batch, 1]) and returns a float tensor [batch, width], or null for a zero-width column.
 *
 * What the caller sends (one graph input per column, cells trimmed as the CSV parser does):
 * - numeric: float, NaN (or ±Infinity) for a missing or unparsable cell → the fill value;
 * - boolean: the cell's text; true/yes/t/y/1 and false/no/f/n/0 in any case, anything else → fill;
 * - categorical: the cell's text; a missing marker ("", NA, null, …) → the fill category (or zeros),
 *   an unknown category → all zeros;
 * - date: float days since 1970-01-01 UTC, NaN when missing → the fill day. Year, month and day of
 *   week come from the day by integer arithmetic (Floor/Div), since ONNX opset 17 cannot parse text.
 */
import { MISSING_MARKERS } from "../../data/csv";
import { FALSE_WORDS, TRUE_WORDS } from "../../data/preprocess";
import type { FittedColumnTransform } from "../../data/types";
import { ML_DOMAIN, type PipelineGraph } from "./pipelineGraph";

type Transform<K extends FittedColumnTransform["kind"]> = Extract<
  FittedColumnTransform,
  { kind: K }
>;

/** ONNX TensorProto.DataType.FLOAT, for Cast. */
const FLOAT = 1;

/** x where it is a finite number, else `fill`. */
function fillNonFinite(g: PipelineGraph, x: string, fill: number): string {
  const bad = g.op("Or", [g.op("IsNaN", [x]), g.op("IsInf", [x])]);
  return g.op("Where", [bad, g.scalar(fill), x]);
}

/**
 * x − c with c split into its float32 part and the float32 of the rest: a year minus a mean of
 * 2022.37 then loses nothing to float32 rounding of the mean, as float64 JavaScript does not.
 */
function subtractPrecisely(g: PipelineGraph, x: string, c: number[], dims: number[]): string {
  const high = c.map((v) => Math.fround(v));
  const low = c.map((v, i) => v - (high[i] as number));
  return g.op("Sub", [g.op("Sub", [x, g.floats(dims, high)]), g.floats(dims, low)]);
}

export function numericGraph(g: PipelineGraph, x: string, t: Transform<"numeric">): string {
  const v = fillNonFinite(g, x, t.fillValue);
  const { scaling } = t;
  if (scaling.kind === "standardize") {
    return g.op("Div", [subtractPrecisely(g, v, [scaling.mean], []), g.scalar(scaling.std)]);
  }
  if (scaling.kind === "minmax") {
    const range = g.scalar(scaling.max - scaling.min);
    return g.op("Div", [subtractPrecisely(g, v, [scaling.min], []), range]);
  }
  return v;
}

/** Every upper/lower-case spelling of `word` ("yes" → yes, yeS, yEs, …). */
function caseVariants(word: string): string[] {
  let variants = [""];
  for (const char of word) {
    const forms = [...new Set([char.toLowerCase(), char.toUpperCase()])];
    variants = variants.flatMap((prefix) => forms.map((form) => prefix + form));
  }
  return variants;
}

export function booleanGraph(g: PipelineGraph, x: string, t: Transform<"boolean">): string {
  // LabelEncoder matches exact strings, so every case of each word is a key of its own.
  const keys = [...TRUE_WORDS, ...FALSE_WORDS].flatMap(caseVariants);
  const values = keys.map((key) => (TRUE_WORDS.has(key.toLowerCase()) ? 1 : 0));
  return g.op(
    "LabelEncoder",
    [x],
    { keys_strings: keys, values_floats: values, default_float: t.fillValue },
    ML_DOMAIN,
  );
}

export function oneHotGraph(g: PipelineGraph, x: string, t: Transform<"one-hot">): string | null {
  const count = t.categories.length;
  if (count === 0) return null;
  const fillIndex = t.fillValue === null ? -1 : t.categories.indexOf(t.fillValue);
  // Categories are cleaned cells, so none of them is a missing marker.
  const markers = [...MISSING_MARKERS].filter((m) => !t.categories.includes(m));
  const index = g.op(
    "LabelEncoder",
    [x],
    {
      keys_strings: [...t.categories, ...markers],
      values_int64s: { ints: [...t.categories.map((_, i) => i), ...markers.map(() => fillIndex)] },
      default_int64: { int: -1 },
    },
    ML_DOMAIN,
  );
  const positions = g.int64s([count], [...Array(count).keys()]);
  // [batch, 1] == [count] broadcasts to [batch, count]; index -1 (unknown) matches nothing.
  return g.op("Cast", [g.op("Equal", [index, positions])], { to: { int: FLOAT } });
}

/** floor(a / b) for whole-number float tensors; exact in float32 for the ranges used here. */
const floorDiv = (g: PipelineGraph, a: string, b: number) =>
  g.op("Floor", [g.op("Div", [a, g.scalar(b)])]);
const add = (g: PipelineGraph, a: string, b: string) => g.op("Add", [a, b]);
const sub = (g: PipelineGraph, a: string, b: string) => g.op("Sub", [a, b]);
const times = (g: PipelineGraph, a: string, k: number) => g.op("Mul", [a, g.scalar(k)]);

/**
 * Year and month (1–12) of a whole day count since 1970-01-01: Howard Hinnant's `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), in Floor/Div arithmetic.
 */
function civilFromDays(g: PipelineGraph, days: string): { year: string; month: string } {
  const z = add(g, days, g.scalar(719468));
  const era = floorDiv(g, z, 146097);
  const dayOfEra = sub(g, z, times(g, era, 146097));
  const yearOfEra = floorDiv(
    g,
    sub(
      g,
      add(g, sub(g, dayOfEra, floorDiv(g, dayOfEra, 1460)), floorDiv(g, dayOfEra, 36524)),
      floorDiv(g, dayOfEra, 146096),
    ),
    365,
  );
  const dayOfYear = sub(
    g,
    dayOfEra,
    sub(
      g,
      add(g, times(g, yearOfEra, 365), floorDiv(g, yearOfEra, 4)),
      floorDiv(g, yearOfEra, 100),
    ),
  );
  const shiftedMonth = floorDiv(g, add(g, times(g, dayOfYear, 5), g.scalar(2)), 153);
  const month = g.op("Where", [
    g.op("Less", [shiftedMonth, g.scalar(10)]),
    add(g, shiftedMonth, g.scalar(3)),
    sub(g, shiftedMonth, g.scalar(9)),
  ]);
  const january = g.op("Cast", [g.op("LessOrEqual", [month, g.scalar(2)])], { to: { int: FLOAT } });
  const year = add(g, add(g, yearOfEra, times(g, era, 400)), january);
  return { year, month };
}

export function dateGraph(g: PipelineGraph, x: string, t: Transform<"date">): string {
  const days = fillNonFinite(g, x, t.fillValue);
  const wholeDays = g.op("Floor", [days]);
  const { year, month } = civilFromDays(g, wholeDays);
  // 1970-01-01 was a Thursday: day 0 is 3 when Monday is 0.
  const shifted = add(g, wholeDays, g.scalar(3));
  const dayOfWeek = sub(g, shifted, times(g, floorDiv(g, shifted, 7), 7));
  const daysSinceStart = subtractPrecisely(g, days, [t.origin], []);
  const raw = g.op("Concat", [year, month, dayOfWeek, daysSinceStart], { axis: { int: 1 } });
  const width = [t.scales.length];
  const centered = subtractPrecisely(
    g,
    raw,
    t.scales.map((s) => s.mean),
    width,
  );
  return g.op("Div", [
    centered,
    g.floats(
      width,
      t.scales.map((s) => s.std),
    ),
  ]);
}

/** Whether the column's graph input is a float (numbers, days) or a string (text cells). */
export const inputKindOf = (t: FittedColumnTransform): "float" | "string" =>
  t.kind === "numeric" || t.kind === "date" ? "float" : "string";

/** The column's features [batch, width], or null when it has none. */
export function columnGraph(g: PipelineGraph, x: string, t: FittedColumnTransform): string | null {
  switch (t.kind) {
    case "numeric":
      return numericGraph(g, x, t);
    case "boolean":
      return booleanGraph(g, x, t);
    case "one-hot":
      return oneHotGraph(g, x, t);
    case "date":
      return dateGraph(g, x, t);
  }
}
