/**
 * Dates as numbers. A date cell becomes days since 1970-01-01 UTC (fractional when it has a time),
 * and from that the features a model can use: year, month, day of week and days since the earliest
 * training date. Everything is UTC so that a model gives the same answer in every time zone.
 */
import { DATE_FEATURES, type DateFeature, type DateOrder } from "./types";

export type { DateOrder };

const MS_PER_DAY = 86_400_000;

const ISO =
  /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

function daysFromParts(
  year: number,
  month: number,
  day: number,
  hours = 0,
  minutes = 0,
  seconds = 0,
  offsetMinutes = 0,
): number {
  if (month < 1 || month > 12 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60)
    return NaN;
  // Date.UTC reads years 0–99 as 1900–1999; setUTCFullYear takes the year as written.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  // 31 April rolls over to 1 May; such a cell is not a date.
  if (date.getUTCDate() !== day) return NaN;
  date.setUTCHours(hours, minutes, seconds);
  return (date.getTime() - offsetMinutes * 60_000) / MS_PER_DAY;
}

function offsetOf(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === "Z") return 0;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * Days since 1970-01-01 UTC for a date cell read in `order`, or NaN when it is not such a date.
 * ISO: `2024-03-05`, `2024-03-05T10:30:00Z`, `2024-03-05 10:30`; dmy: `05/03/2024`; mdy: `03/05/2024`
 * (slashes, dots or dashes; an optional time). A time without a zone is taken as UTC.
 */
export function parseDateDays(text: string, order: DateOrder): number {
  const trimmed = text.trim();
  if (order === "iso") {
    const m = ISO.exec(trimmed);
    if (!m) return NaN;
    return daysFromParts(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      offsetOf(m[7]),
    );
  }
  const m = SLASHED.exec(trimmed);
  if (!m) return NaN;
  const first = Number(m[1]);
  const second = Number(m[2]);
  const [day, month] = order === "dmy" ? [first, second] : [second, first];
  return daysFromParts(
    Number(m[3]),
    month,
    day,
    Number(m[4] ?? 0),
    Number(m[5] ?? 0),
    Number(m[6] ?? 0),
  );
}

/**
 * The raw (unscaled) features of a date given as days since 1970-01-01 UTC, in DATE_FEATURES order:
 * year, month 1–12, dayOfWeek 0 = Monday … 6 = Sunday, days since `origin`.
 */
export function dateFeatures(days: number, origin: number): Record<DateFeature, number> {
  const date = new Date(Math.floor(days) * MS_PER_DAY);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    // 1970-01-01 was a Thursday (3 when Monday is 0).
    dayOfWeek: (((Math.floor(days) + 3) % 7) + 7) % 7,
    daysSinceStart: days - origin,
  };
}

/** The feature names a date column adds to the model's inputs, e.g. `signup:year`. */
export function dateFeatureNames(column: string): string[] {
  return DATE_FEATURES.map((feature) => `${column}:${feature}`);
}
