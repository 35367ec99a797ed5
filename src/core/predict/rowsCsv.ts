/**
 * A CSV of new rows in, the same CSV with the model's predictions appended out. Checking happens
 * before anything is predicted, so a person learns every missing column and the first bad values at
 * once, by column name and row number.
 */
import { kindOf } from "../data/columnKinds";
import type { FittedColumnTransform, ParsedTable, Preprocessing } from "../data/types";
import { csvField } from "../eval/predictionsCsv";
import type { RawRecord } from "../project/trainedModel";
import type { Prediction } from "./interpret";

/** Bad values listed in one message; more would bury the first. */
const MAX_LISTED_PROBLEMS = 5;

export type RowsCheck =
  | {
      ok: true;
      /** One record per row, keyed by the columns the model reads. */
      records: RawRecord[];
      /** Columns of the file the model does not read (kept in the output, not used). */
      extraColumns: string[];
      /** Categories the model never saw in training, per column: they encode as none of the known ones. */
      unknownCategories: Array<{ column: string; rows: number }>;
    }
  | { ok: false; problem: string };

/** Why `text` cannot feed `transform`, or null when it can (missing cells are filled as in training). */
const valueProblem = (transform: FittedColumnTransform, text: string) =>
  kindOf(transform).valueProblem(transform, text);

/**
 * Checks a parsed table against the columns `preprocessing` reads and turns its rows into records.
 * Fails with a message naming every missing column, or the first bad values by column and row
 * (row 1 is the first row under the header). Missing cells are fine: they are filled as in training.
 */
export function checkRowsForPrediction(
  table: ParsedTable,
  preprocessing: Preprocessing,
): RowsCheck {
  const needed = preprocessing.inputs.map((t) => t.column);
  const missing = needed.filter((column) => !table.headers.includes(column));
  if (missing.length > 0) {
    const names = missing.map((c) => `“${c}”`).join(", ");
    return {
      ok: false,
      problem: `${table.fileName} has no column ${names}, which the model needs (${missing.length === 1 ? "it is" : "they are"} one of: ${needed.join(", ")}). Add ${missing.length === 1 ? "it" : "them"} to the header; empty cells are fine.`,
    };
  }
  if (table.rowCount === 0) {
    return { ok: false, problem: `${table.fileName} has a header but no rows to predict.` };
  }
  const columns = preprocessing.inputs.map((transform) => ({
    transform,
    values: table.columns[table.headers.indexOf(transform.column)] ?? [],
    known: transform.kind === "one-hot" ? new Set(transform.categories) : null,
    unknown: 0,
  }));
  // Row by row, so the message lists the first bad rows of the file, whichever their column.
  const problems: string[] = [];
  let problemCount = 0;
  for (let row = 0; row < table.rowCount; row++) {
    for (const column of columns) {
      const text = column.values[row] ?? null;
      if (text === null) continue;
      if (column.known && !column.known.has(text)) column.unknown++;
      const problem = valueProblem(column.transform, text);
      if (problem === null) continue;
      problemCount++;
      if (problems.length < MAX_LISTED_PROBLEMS)
        problems.push(`row ${row + 1}, column “${column.transform.column}”: “${text}” ${problem}`);
    }
  }
  if (problemCount > 0) {
    const more =
      problemCount > problems.length ? ` (and ${problemCount - problems.length} more)` : "";
    return {
      ok: false,
      problem: `${table.fileName} has values the model cannot read: ${problems.join("; ")}${more}. Fix them, or empty those cells to have them filled as in training.`,
    };
  }
  const records: RawRecord[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    const record: RawRecord = {};
    for (const { transform, values } of columns) record[transform.column] = values[row] ?? null;
    records.push(record);
  }
  const extraColumns = table.headers.filter((header) => !needed.includes(header));
  const unknownCategories = columns
    .filter((c) => c.unknown > 0)
    .map((c) => ({ column: c.transform.column, rows: c.unknown }));
  return { ok: true, records, extraColumns, unknownCategories };
}

/**
 * The table as CSV with the predictions appended: every original column, then `predicted`, then
 * `p_<class>` per class (classification). Missing cells are written empty; numbers use String(x), so
 * they read back as the same float.
 */
export function csvWithPredictions(table: ParsedTable, predictions: Prediction[]): string {
  const first = predictions[0];
  const classNames =
    first?.kind === "classification" ? first.probabilities.map((p) => p.className) : [];
  const header = [...table.headers, "predicted", ...classNames.map((c) => `p_${c}`)];
  const lines = [header.map(csvField).join(",")];
  for (let row = 0; row < table.rowCount; row++) {
    const cells = table.columns.map((values) => csvField(values[row] ?? ""));
    const prediction = predictions[row];
    if (prediction?.kind === "classification") {
      cells.push(csvField(prediction.predicted));
      for (const p of prediction.probabilities) cells.push(String(p.probability));
    } else if (prediction?.kind === "regression") {
      cells.push(String(prediction.value));
    }
    lines.push(cells.join(","));
  }
  return `${lines.join("\n")}\n`;
}
