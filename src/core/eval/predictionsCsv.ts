/**
 * The test split's predictions as CSV (the `download-predictions` button): `actual,predicted`, then
 * `p_<class>` per class for classification. Numbers use String(x), the shortest text that reads back
 * as the same float64, so metrics recomputed from the file match the studio's.
 */

export type PredictionsCsvInput =
  | {
      task: "classification";
      classNames: string[];
      /** Class index per test row. */
      actual: number[];
      predicted: number[];
      /** Row-major [rows, classNames.length]. */
      probabilities: Float32Array | number[];
    }
  | { task: "regression"; actual: number[]; predicted: number[] };

/** Quotes a field the RFC 4180 way when it holds a comma, a quote or a line break. */
export function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
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
    lines.push("actual,predicted");
    for (let i = 0; i < actual.length; i++) lines.push(`${actual[i]},${predicted[i]}`);
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
    lines.push(["actual", "predicted", ...classNames.map((c) => csvField(`p_${c}`))].join(","));
    for (let i = 0; i < actual.length; i++) {
      const fields = [name(actual[i] as number), name(predicted[i] as number)];
      for (let c = 0; c < classCount; c++) fields.push(String(probabilities[i * classCount + c]));
      lines.push(fields.join(","));
    }
  }
  return lines.map((line) => `${line}\n`).join("");
}
