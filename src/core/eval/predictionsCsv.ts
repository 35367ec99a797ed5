/**
 * The test split's predictions as CSV (the `download-predictions` button): optionally `data_row`
 * (the row's 1-based number among the original file's data rows, the header not counted) and the
 * table's id column, then `actual,predicted`, then `p_<class>` per class for classification.
 * Numbers use String(x), the shortest text that reads back as the same float64, so metrics
 * recomputed from the file match the studio's.
 */

/** Where each test row came from, so the file can be joined back to the original table. */
export interface RowOrigin {
  /** 1-based number of each test row among the file's data rows (the header is not counted). */
  rowNumbers: number[];
  /** The table's identifier column (the first one), when it has one: its cell per test row. */
  id?: { column: string; values: Array<string | null> };
}

export type PredictionsCsvInput = (
  | {
      task: "classification";
      classNames: string[];
      /** Class index per test row. */
      actual: number[];
      predicted: number[];
      /** Row-major [rows, classNames.length]. */
      probabilities: Float32Array | number[];
    }
  | { task: "regression"; actual: number[]; predicted: number[] }
) & { origin?: RowOrigin };

/** The header of the row-number column. */
export const ROW_NUMBER_COLUMN = "data_row";

/** Quotes a field the RFC 4180 way when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Header and per-row fields of the origin columns (none without an origin). */
function originColumns(origin: RowOrigin | undefined, rows: number, taken: string[]) {
  if (!origin) return { header: [] as string[], fields: () => [] as string[] };
  const check = (length: number, what: string) => {
    if (length !== rows) throw new Error(`Expected ${rows} ${what}, one per row, got ${length}.`);
  };
  check(origin.rowNumbers.length, "row numbers");
  const header = [ROW_NUMBER_COLUMN];
  const { id } = origin;
  if (id) {
    check(id.values.length, `${id.column} values`);
    // An id column called "actual" or "data_row" would make the header ambiguous.
    header.push([...taken, ROW_NUMBER_COLUMN].includes(id.column) ? `id_${id.column}` : id.column);
  }
  return {
    header: header.map(csvField),
    fields: (i: number) => {
      const fields = [String(origin.rowNumbers[i])];
      if (id) fields.push(csvField(id.values[i] ?? ""));
      return fields;
    },
  };
}

export function predictionsCsv(input: PredictionsCsvInput): string {
  const { actual, predicted } = input;
  if (actual.length !== predicted.length) {
    throw new Error(
      `Actual and predicted values differ in length (${actual.length} and ${predicted.length}).`,
    );
  }
  const lines: string[] = [];
  if (input.task === "regression") {
    const origin = originColumns(input.origin, actual.length, ["actual", "predicted"]);
    lines.push([...origin.header, "actual", "predicted"].join(","));
    for (let i = 0; i < actual.length; i++)
      lines.push([...origin.fields(i), actual[i], predicted[i]].join(","));
  } else {
    const { classNames, probabilities } = input;
    const classCount = classNames.length;
    if (probabilities.length !== actual.length * classCount) {
      throw new Error(
        `Expected ${actual.length * classCount} probabilities (${actual.length} rows × ${classCount} classes), got ${probabilities.length}.`,
      );
    }
    const name = (index: number) => {
      const className = classNames[index];
      if (className === undefined) throw new Error(`Class index ${index} is out of range.`);
      return csvField(className);
    };
    const probabilityColumns = classNames.map((c) => `p_${c}`);
    const origin = originColumns(input.origin, actual.length, [
      "actual",
      "predicted",
      ...probabilityColumns,
    ]);
    lines.push(
      [...origin.header, "actual", "predicted", ...probabilityColumns.map(csvField)].join(","),
    );
    for (let i = 0; i < actual.length; i++) {
      const fields = [...origin.fields(i), name(actual[i] as number), name(predicted[i] as number)];
      for (let c = 0; c < classCount; c++) fields.push(String(probabilities[i * classCount + c]));
      lines.push(fields.join(","));
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}
