import { parseDateDays } from "../data/dates";
import { parseBoolean } from "../data/preprocess";
import type { FittedColumnTransform } from "../data/types";

const MS_PER_DAY = 86_400_000;

/** A date cell as an `<input type="date">` value (YYYY-MM-DD, UTC), or "" when it is not a date. */
export function dateInputValue(text: string | null, order: "iso" | "dmy" | "mdy"): string {
  if (text === null) return "";
  const days = parseDateDays(text, order);
  if (!Number.isFinite(days)) return "";
  return new Date(Math.floor(days) * MS_PER_DAY).toISOString().slice(0, 10);
}

/** An `<input type="date">` value written the way the column's cells are (so it parses the same). */
export function dateCellText(inputValue: string, order: "iso" | "dmy" | "mdy"): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(inputValue);
  if (!match) return null;
  const [, year, month, day] = match;
  if (order === "iso") return `${year}-${month}-${day}`;
  return order === "dmy" ? `${day}/${month}/${year}` : `${month}/${day}/${year}`;
}

/** Whether a boolean cell reads as true (missing and unreadable cells read as false). */
export function booleanChecked(text: string | null): boolean {
  return text !== null && parseBoolean(text) === 1;
}

/** The field a person fills for a column: what try-it shows for each input transform. */
export type RecordField =
  | { kind: "number"; column: string; decimalComma: boolean }
  | { kind: "category"; column: string; categories: string[] }
  | { kind: "boolean"; column: string }
  | { kind: "date"; column: string; order: "iso" | "dmy" | "mdy" };

export function fieldFor(transform: FittedColumnTransform): RecordField {
  switch (transform.kind) {
    case "numeric":
      return { kind: "number", column: transform.column, decimalComma: transform.decimalComma };
    case "one-hot":
      return { kind: "category", column: transform.column, categories: transform.categories };
    case "boolean":
      return { kind: "boolean", column: transform.column };
    case "date":
      return { kind: "date", column: transform.column, order: transform.order };
  }
}
