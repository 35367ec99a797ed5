import { isInputType, kindForType } from "./columnKinds";
import { parseDateDays } from "./dates";
import { parseNumber } from "./numbers";
import type {
  ColumnProfile,
  ColumnSettings,
  ColumnType,
  DateOrder,
  ParsedTable,
  TaskKind,
} from "./types";

export { parseNumber };

const ID_NAME = /^(id|idx|index|key|uuid|guid|row|rowid|row_id|row_number|unnamed: ?\d+)$/i;
const ID_SUFFIX = /[_\s.-]id$/i;
/** camelCase suffixes only ("customerId", "CustomerID"), so "paid" or "fluid" do not match. */
const ID_CAMEL_SUFFIX = /[a-z0-9](Id|ID)$/;

function isIdName(name: string): boolean {
  const trimmed = name.trim();
  return ID_NAME.test(trimmed) || ID_SUFFIX.test(trimmed) || ID_CAMEL_SUFFIX.test(trimmed);
}

const BOOLEAN_PAIRS: Array<[string, string]> = [
  ["true", "false"],
  ["yes", "no"],
  ["t", "f"],
  ["y", "n"],
];

/** Columns with fewer distinct values than this are never called identifiers. */
const MIN_ROWS_FOR_IDENTIFIER = 20;
const LONG_TEXT_CHARS = 40;

interface NumericStats {
  min: number;
  max: number;
  mean: number;
  integer: boolean;
}

/** Stats over the distinct values, weighted by their counts; null when any value is not a number. */
function numericStats(counts: Map<string, number>, decimalComma: boolean): NumericStats | null {
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let n = 0;
  let integer = true;
  for (const [text, count] of counts) {
    const value = parseNumber(text, decimalComma);
    if (Number.isNaN(value)) return null;
    if (value < min) min = value;
    if (value > max) max = value;
    sum += value * count;
    n += count;
    if (!Number.isInteger(value)) integer = false;
  }
  return n === 0 ? null : { min, max, mean: sum / n, integer };
}

/** A column is a date column when at least this share of its non-missing cells read as dates. */
const DATE_SHARE = 0.9;
const SLASHED_PREFIX = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/;

/**
 * The order a column's dates are written in, or null when it is not a date column. ISO first; then
 * day-first or month-first, settled by a first field above 12 (dmy) or a second one (mdy), and
 * day-first when no value tells them apart.
 */
export function inferDateOrder(counts: ReadonlyMap<string, number>): DateOrder | null {
  let total = 0;
  let firstAbove12 = 0;
  let secondAbove12 = 0;
  for (const [text, count] of counts) {
    total += count;
    const m = SLASHED_PREFIX.exec(text);
    if (!m) continue;
    if (Number(m[1]) > 12) firstAbove12 += count;
    if (Number(m[2]) > 12) secondAbove12 += count;
  }
  if (total === 0) return null;
  const order: DateOrder[] = ["iso", secondAbove12 > firstAbove12 ? "mdy" : "dmy"];
  for (const candidate of order) {
    let parsed = 0;
    for (const [text, count] of counts) {
      if (Number.isFinite(parseDateDays(text, candidate))) parsed += count;
    }
    if (parsed >= DATE_SHARE * total) return candidate;
  }
  return null;
}

/** Earliest and latest date (days since 1970-01-01 UTC) among the values read in `order`. */
function dateRange(counts: ReadonlyMap<string, number>, order: DateOrder) {
  let min = Infinity;
  let max = -Infinity;
  for (const text of counts.keys()) {
    const days = parseDateDays(text, order);
    if (!Number.isFinite(days)) continue;
    min = Math.min(min, days);
    max = Math.max(max, days);
  }
  return { min, max };
}

function isBooleanSet(counts: Map<string, number>): boolean {
  const lower = new Set([...counts.keys()].map((value) => value.toLowerCase()));
  return BOOLEAN_PAIRS.some(([yes, no]) =>
    [...lower].every((value) => value === yes || value === no),
  );
}

function profileColumn(
  name: string,
  index: number,
  values: ReadonlyArray<string | null>,
  delimiter: string,
): ColumnProfile {
  const counts = new Map<string, number>();
  let nonMissing = 0;
  let totalLength = 0;
  for (const value of values) {
    if (value === null) continue;
    nonMissing++;
    totalLength += value.length;
    counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  // Array.prototype.sort is stable, so ties keep the order of first appearance.
  const topValues = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 5)
    .map(([value, count]) => ({ value, count }));
  const profile: ColumnProfile = {
    name,
    index,
    inferredType: "empty",
    missingCount: values.length - nonMissing,
    uniqueCount: counts.size,
    decimalComma: false,
    topValues,
  };
  if (nonMissing === 0) return profile;

  let stats = numericStats(counts, false);
  const commaDelimited = delimiter === ";" || delimiter === "\t";
  if (!stats && commaDelimited && [...counts.keys()].some((value) => value.includes(","))) {
    stats = numericStats(counts, true);
    if (stats) profile.decimalComma = true;
  }
  if (stats) Object.assign(profile, stats);
  const dateOrder = stats ? null : inferDateOrder(counts);
  if (dateOrder) Object.assign(profile, { dateOrder }, dateRange(counts, dateOrder));

  const allDistinct = counts.size === nonMissing && nonMissing >= MIN_ROWS_FOR_IDENTIFIER;
  const averageLength = totalLength / nonMissing;
  profile.inferredType = classify();
  return profile;

  function classify(): ColumnType {
    if (stats) {
      // Continuous features are often all distinct, so only integer columns can be ids.
      if (!stats.integer) return "numeric";
      if (isIdName(name)) return "identifier";
      const consecutive = stats.max - stats.min + 1 === nonMissing;
      return allDistinct && consecutive ? "identifier" : "numeric";
    }
    if (dateOrder) return "date";
    if (isBooleanSet(counts)) return "boolean";
    if (isIdName(name)) return "identifier";
    if (allDistinct && averageLength <= LONG_TEXT_CHARS) return "identifier";
    if (counts.size > Math.max(50, 0.5 * nonMissing) || averageLength > LONG_TEXT_CHARS) {
      return "text";
    }
    return "categorical";
  }
}

/** Profiles every column of a table: counts, top values, numeric stats and an inferred type. */
export function profileColumns(table: ParsedTable): ColumnProfile[] {
  return table.headers.map((name, index) =>
    profileColumn(name, index, table.columns[index] ?? [], table.delimiter),
  );
}

/**
 * Identifiers, free text and empty columns carry no signal a small model can use: off by default.
 * A column that becomes an input starts with its kind's settings (`columnKinds/`).
 */
export function defaultColumnSettings(profile: ColumnProfile): ColumnSettings {
  const type = profile.inferredType;
  const defaults = typeDefaults(type, profile);
  return {
    name: profile.name,
    type,
    use: isInputType(type),
    impute: defaults.impute,
    imputeConstant: "",
    scaling: defaults.scaling,
    ...(defaults.dateOrder ? { dateOrder: defaults.dateOrder } : {}),
  };
}

/** The impute, scaling and date order a column of `type` starts with (dateOrder undefined if none). */
export function typeDefaults(
  type: ColumnType,
  profile: ColumnProfile,
): Pick<ColumnSettings, "impute" | "scaling" | "dateOrder"> {
  const defaults = kindForType(type)?.settingDefaults(profile);
  return {
    impute: defaults?.impute ?? "most-frequent",
    scaling: defaults?.scaling ?? "none",
    dateOrder: defaults?.dateOrder,
  };
}

/** Names that mean "the label", strongest first: `label` beats `y`, which is often a coordinate. */
const LABEL_NAMES = [
  "target",
  "label",
  "labels",
  "class",
  "classes",
  "outcome",
  "response",
  "species",
  "digit",
  "category",
  "y",
];
const LABEL_AFFIX = /^(target|label|class)[_\s.-]|[_\s.-](target|label|class)$/i;

/**
 * The column most likely to be the label: the one whose name ranks highest among label-like names
 * (then one that starts or ends with target/label/class), else the last usable column.
 */
export function guessTargetColumn(profiles: ColumnProfile[]): string {
  const candidates = profiles.filter((profile) => profile.inferredType !== "empty");
  const rank = (profile: ColumnProfile) => LABEL_NAMES.indexOf(profile.name.trim().toLowerCase());
  const named =
    candidates.filter((profile) => rank(profile) >= 0).sort((a, b) => rank(a) - rank(b))[0] ??
    candidates.find((profile) => LABEL_AFFIX.test(profile.name.trim()));
  if (named) return named.name;
  // Dates are inputs (when something happened), hardly ever the thing to predict.
  const usable = candidates.filter(
    (profile) => !["identifier", "text", "date"].includes(profile.inferredType),
  );
  return (usable.at(-1) ?? profiles.at(-1))?.name ?? "";
}

/** Integer targets with few distinct values (digits, ratings 1-5) are classes, not quantities. */
export const MAX_CLASSES_FOR_INTEGER_TARGET = 20;

export function inferTask(profile: ColumnProfile): TaskKind {
  if (profile.inferredType !== "numeric") return "classification";
  return profile.integer && profile.uniqueCount <= MAX_CLASSES_FOR_INTEGER_TARGET
    ? "classification"
    : "regression";
}
