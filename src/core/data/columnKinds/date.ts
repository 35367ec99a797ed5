/**
 * Dates: read in the column's order as days since 1970-01-01 UTC, then year, month, day of week and
 * days since the earliest training date, each standardised over the training rows. Four features.
 */
import { z } from "zod";
import { mean, median, std } from "../columnStats";
import { dateFeatureNames, dateFeatures, parseDateDays } from "../dates";
import { DATE_FEATURES, type DateOrder } from "../types";
import { FLOAT, fillNonFinite, subtractPrecisely, type ColumnGraph } from "./graph";
import { cellAt, type ColumnKind } from "./kind";
import { columnName, finite } from "./schema";

const MS_PER_DAY = 86_400_000;

export interface DateTransform {
  kind: "date";
  column: string;
  /** How the text is read: ISO (2024-03-05, 2024-03-05T10:00Z), day-first or month-first. */
  order: DateOrder;
  /** Days since 1970-01-01 UTC (fractional for times) used for missing or unparsable cells. */
  fillValue: number;
  /** Days since 1970-01-01 UTC of the earliest training date (daysSinceStart counts from it). */
  origin: number;
  /**
   * Standardisation of the derived features, in DATE_FEATURES order: year, month (1–12),
   * dayOfWeek (0 = Monday … 6 = Sunday, UTC), daysSinceStart.
   */
  scales: Array<{ mean: number; std: number }>;
}

export const dateSchema = z.object({
  kind: z.literal("date"),
  column: columnName,
  order: z.enum(["iso", "dmy", "mdy"]),
  fillValue: finite,
  origin: finite,
  scales: z
    .array(z.object({ mean: finite, std: finite.refine((v) => v !== 0, "std must not be 0") }))
    .length(DATE_FEATURES.length),
});

/** A date cell as an `<input type="date">` value (YYYY-MM-DD, UTC), or "" when it is not a date. */
export function dateInputValue(text: string | null, order: DateOrder): string {
  if (text === null) return "";
  const days = parseDateDays(text, order);
  if (!Number.isFinite(days)) return "";
  return new Date(Math.floor(days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** An `<input type="date">` value written the way the column's cells are (so it parses the same). */
export function dateCellText(inputValue: string, order: DateOrder): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(inputValue);
  if (!match) return null;
  const [, year, month, day] = match;
  if (order === "iso") return `${year}-${month}-${day}`;
  return order === "dmy" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}

/** floor(a / b) for whole-number float tensors; exact in float32 for the ranges used here. */
const floorDiv = (g: ColumnGraph, a: string, b: number) =>
  g.op("Floor", [g.op("Div", [a, g.scalar(b)])]);
const add = (g: ColumnGraph, a: string, b: string) => g.op("Add", [a, b]);
const sub = (g: ColumnGraph, a: string, b: string) => g.op("Sub", [a, b]);
const times = (g: ColumnGraph, a: string, k: number) => g.op("Mul", [a, g.scalar(k)]);

/**
 * Year and month (1–12) of a whole day count since 1970-01-01: Howard Hinnant's `civil_from_days`
 * (https://howardhinnant.github.io/date_algorithms.html), in Floor/Div arithmetic.
 */
function civilFromDays(g: ColumnGraph, days: string): { year: string; month: string } {
  const shiftedDays = add(g, days, g.scalar(719468));
  const era = floorDiv(g, shiftedDays, 146097);
  const dayOfEra = sub(g, shiftedDays, times(g, era, 146097));
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

const FORMAT_OF_ORDER: Record<DateOrder, string> = {
  iso: "YYYY-MM-DD",
  dmy: "DD/MM/YYYY",
  mdy: "MM/DD/YYYY",
};

export const dateKind: ColumnKind<DateTransform> = {
  kind: "date",
  columnType: "date",
  settingDefaults: (profile) => ({
    impute: "most-frequent",
    scaling: "none",
    dateOrder: profile.dateOrder ?? "iso",
  }),

  /**
   * Missing or unreadable cells take the median training date, daysSinceStart counts from the
   * earliest training date, and each derived feature is standardised over the training rows.
   */
  fit(values, trainRows, setting) {
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
  },

  featureNames: (t) => dateFeatureNames(t.column),
  width: () => DATE_FEATURES.length,

  encoder: (t) => (text, out, offset) => {
    const parsed = text === null ? NaN : parseDateDays(text, t.order);
    const features = dateFeatures(Number.isFinite(parsed) ? parsed : t.fillValue, t.origin);
    DATE_FEATURES.forEach((name, i) => {
      const scale = t.scales[i] ?? { mean: 0, std: 1 };
      out[offset + i] = (features[name] - scale.mean) / scale.std;
    });
  },

  /** Every derived feature at its training mean (each is standardized, so all 0). */
  writeReference(t, row, offset) {
    for (let i = 0; i < t.scales.length; i++) row[offset + i] = 0;
    return "the average training date";
  },

  /**
   * Float days since 1970-01-01 UTC, NaN when missing → the fill day. Year, month and day of week
   * come from the day by integer arithmetic (Floor/Div), since ONNX opset 17 cannot parse text.
   */
  pipelineInput: "float",
  pipelineCell: (t, text) => (text === null ? NaN : parseDateDays(text, t.order)),
  graph(g, x, t) {
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
  },

  cardLine: (t, fmt) => ({
    accepts: `days since 1970-01-01 UTC (e.g. 2024-03-05 = 19787); NaN when missing → ${fmt(t.fillValue)}`,
    becomes: "year, month, day of week, days since start, standardised",
  }),
  field: (t) => ({ kind: "date", column: t.column, order: t.order }),
  valueProblem: (t, text) =>
    Number.isNaN(parseDateDays(text, t.order))
      ? `is not a date (${FORMAT_OF_ORDER[t.order]})`
      : null,
};
