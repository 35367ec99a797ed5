/**
 * The studio's metrics against scikit-learn's, computed from the same prediction CSVs.
 * Fixtures: tests/fixtures (regenerate with /usr/bin/python3 tests/fixtures/make_sklearn_fixtures.py).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { argmaxRows, classificationReport, regressionReport } from "./metrics";
import { predictionsCsv } from "./predictionsCsv";

const fixtures = fileURLToPath(new URL("../../../tests/fixtures/", import.meta.url));

interface Averages {
  precision: number;
  recall: number;
  f1: number;
}
interface RegressionMetrics {
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
}
type Expected =
  | {
      task: "classification";
      classNames: string[];
      accuracy: number;
      perClass: Array<Averages & { className: string; support: number }>;
      macro: Averages;
      weighted: Averages;
      confusion: number[][];
      baselineClass: string;
      baselineAccuracy: number;
      testSize: number;
    }
  | (RegressionMetrics & {
      task: "regression";
      baseline: RegressionMetrics & { value: number };
      testSize: number;
    });

const expected = JSON.parse(readFileSync(`${fixtures}sklearn-metrics.json`, "utf8")) as {
  cases: Record<string, Expected>;
};

function readCsv(name: string): { text: string; header: string[]; rows: string[][] } {
  const text = readFileSync(`${fixtures}${name}`, "utf8");
  const parsed = Papa.parse<string[]>(text, { delimiter: ",", skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...rows] = parsed.data;
  return { text, header, rows };
}

function column(rows: string[][], index: number): string[] {
  return rows.map((row) => row[index] ?? "");
}

/** Equal to 1e-9 relative; zeros must be exact zeros. */
function expectClose(actual: number, wanted: number, what: string): void {
  const tolerance = 1e-9 * Math.abs(wanted);
  expect(Math.abs(actual - wanted), `${what}: ${actual} vs sklearn ${wanted}`).toBeLessThanOrEqual(
    tolerance,
  );
}

function expectAverages(actual: Averages, wanted: Averages, what: string): void {
  expectClose(actual.precision, wanted.precision, `${what} precision`);
  expectClose(actual.recall, wanted.recall, `${what} recall`);
  expectClose(actual.f1, wanted.f1, `${what} f1`);
}

function expectRegression(actual: RegressionMetrics, wanted: RegressionMetrics, what: string) {
  for (const metric of ["mae", "mse", "rmse", "r2"] as const) {
    expectClose(actual[metric], wanted[metric], `${what} ${metric}`);
  }
}

describe("metrics match scikit-learn", () => {
  const cases = Object.entries(expected.cases);

  it("has every fixture case", () => {
    expect(cases.map(([name]) => name).sort()).toEqual(
      [
        "binary-quoted",
        "constant-target",
        "imbalanced",
        "regression",
        "three-class",
        "zero-support",
      ].sort(),
    );
  });

  for (const [name, wanted] of cases) {
    it(`${name} (${wanted.task})`, () => {
      const { text, header, rows } = readCsv(`sklearn-${name}.csv`);
      const train = column(readCsv(`sklearn-${name}-train.csv`).rows, 0);
      expect(header.slice(0, 2)).toEqual(["actual", "predicted"]);

      if (wanted.task === "classification") {
        const classNames = header.slice(2).map((h) => h.slice("p_".length));
        expect(classNames).toEqual(wanted.classNames);
        const indexOf = new Map(classNames.map((c, i) => [c, i]));
        const toIndex = (c: string) => indexOf.get(c) ?? -1;
        const actual = column(rows, 0).map(toIndex);
        const predicted = column(rows, 1).map(toIndex);
        const probabilities = Float32Array.from(rows.flatMap((r) => r.slice(2).map(Number)));
        const report = classificationReport(actual, predicted, classNames, train.map(toIndex));

        expect(report.testSize).toBe(wanted.testSize);
        expectClose(report.accuracy, wanted.accuracy, "accuracy");
        expect(report.confusion).toEqual(wanted.confusion);
        wanted.perClass.forEach((w, c) => {
          const got = report.perClass[c];
          expect(got?.className).toBe(w.className);
          expect(got?.support).toBe(w.support);
          expectAverages(got ?? { precision: NaN, recall: NaN, f1: NaN }, w, w.className);
        });
        expectAverages(report.macro, wanted.macro, "macro");
        expectAverages(report.weighted, wanted.weighted, "weighted");
        expect(report.baselineClass).toBe(wanted.baselineClass);
        expectClose(report.baselineAccuracy, wanted.baselineAccuracy, "baseline accuracy");

        expect(argmaxRows(probabilities, classNames.length)).toEqual(predicted);
        const csv = predictionsCsv({
          task: "classification",
          classNames,
          actual,
          predicted,
          probabilities,
        });
        expect(csv).toBe(text);
      } else {
        const actual = column(rows, 0).map(Number);
        const predicted = column(rows, 1).map(Number);
        const report = regressionReport(actual, predicted, train.map(Number));

        expect(report.testSize).toBe(wanted.testSize);
        expectRegression(report, wanted, "model");
        expectRegression(report.baseline, wanted.baseline, "baseline");
        expectClose(report.baseline.value, wanted.baseline.value, "baseline value");
        expect(predictionsCsv({ task: "regression", actual, predicted })).toBe(text);
      }
    });
  }
});
