/**
 * ROC/PR curves, AUC, average precision, log loss, Brier score, calibration curve and the binary
 * threshold against scikit-learn 1.2.1 on the same labels and probabilities (binary with ties,
 * imbalanced binary, iris's logistic-regression probabilities, four imbalanced classes with ties).
 * Fixtures: tests/fixtures/sklearn-report.json (/usr/bin/python3
 * tests/fixtures/make_sklearn_report_fixtures.py).
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { calibrationCurve, classCalibration, logLoss } from "./calibration";
import { averagePrecision, classificationCurves, rocAuc, rocCurve } from "./curves";
import { binaryAtThreshold } from "./threshold";

interface Entry {
  roc: { fpr: number[]; tpr: number[]; thresholds: number[] };
  pr: { precision: number[]; recall: number[]; thresholds: number[] };
  rocAuc: number;
  averagePrecision: number;
  brier: number;
  calibration: { fractionPositive: number[]; meanPredicted: number[] };
}
interface ScoreCase {
  classCount: number;
  labels: number[];
  probabilities: number[];
  positive?: Entry;
  perClass?: Entry[];
  macro?: { rocAuc: number; averagePrecision: number };
  weighted?: { rocAuc: number; averagePrecision: number };
  logLoss: number;
  thresholds?: Array<{
    threshold: number;
    tp: number;
    fp: number;
    fn: number;
    tn: number;
    precision: number;
    recall: number;
  }>;
}

const fixture = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../../../tests/fixtures/sklearn-report.json", import.meta.url)),
    "utf8",
  ),
) as { scores: Record<string, ScoreCase> };

/** Equal to 1e-9 relative (absolute below 1); exact zeros stay exact. */
function expectClose(actual: number | null | undefined, wanted: number, what: string): void {
  expect(actual, what).not.toBeNull();
  const tolerance = 1e-9 * Math.max(1, Math.abs(wanted));
  expect(
    Math.abs((actual as number) - wanted),
    `${what}: ${actual} vs ${wanted}`,
  ).toBeLessThanOrEqual(tolerance);
}

function expectAllClose(actual: number[] | undefined, wanted: number[], what: string): void {
  expect(actual?.length, `${what} length`).toBe(wanted.length);
  wanted.forEach((w, i) => expectClose(actual?.[i], w, `${what}[${i}]`));
}

function column(c: ScoreCase, k: number): number[] {
  return c.labels.map((_, r) => c.probabilities[r * c.classCount + k] as number);
}

const binaryCases = ["binary-ties", "binary-imbalanced"];
const multiclassCases = ["iris-multiclass", "four-class-ties"];

function expectEntry(
  c: ScoreCase,
  k: number,
  entry: Entry,
  report: ReturnType<typeof classificationCurves>,
  what: string,
) {
  const mine = report.perClass.find((p) => p.classIndex === k);
  expectAllClose(mine?.roc?.fpr, entry.roc.fpr, `${what} fpr`);
  expectAllClose(mine?.roc?.tpr, entry.roc.tpr, `${what} tpr`);
  expectAllClose(mine?.roc?.thresholds, entry.roc.thresholds, `${what} roc thresholds`);
  expectAllClose(mine?.pr?.precision, entry.pr.precision, `${what} precision`);
  expectAllClose(mine?.pr?.recall, entry.pr.recall, `${what} recall`);
  expectAllClose(mine?.pr?.thresholds, entry.pr.thresholds, `${what} pr thresholds`);
  expectClose(mine?.rocAuc, entry.rocAuc, `${what} roc auc`);
  expectClose(mine?.averagePrecision, entry.averagePrecision, `${what} average precision`);
  const calibration = classCalibration(c.labels, c.probabilities, c.classCount).find(
    (p) => p.classIndex === k,
  );
  expectClose(calibration?.brier, entry.brier, `${what} brier`);
  expectAllClose(
    calibration?.curve.fractionPositive,
    entry.calibration.fractionPositive,
    `${what} cal true`,
  );
  expectAllClose(
    calibration?.curve.meanPredicted,
    entry.calibration.meanPredicted,
    `${what} cal pred`,
  );
}

describe("binary curves and scores equal scikit-learn's", () => {
  it.each(binaryCases)("%s", (name) => {
    const c = fixture.scores[name] as ScoreCase;
    const report = classificationCurves(c.labels, c.probabilities, 2);
    expect(report.perClass.map((p) => p.classIndex)).toEqual([1]);
    expectEntry(c, 1, c.positive as Entry, report, name);
    expectClose(report.rocAuc.macro, (c.positive as Entry).rocAuc, "roc auc");
    expectClose(logLoss(c.labels, c.probabilities, 2), c.logLoss, "log loss");
  });

  it.each(binaryCases)("%s: the threshold's confusion matrix, precision and recall", (name) => {
    const c = fixture.scores[name] as ScoreCase;
    const p1 = column(c, 1);
    for (const t of c.thresholds ?? []) {
      const result = binaryAtThreshold(c.labels, p1, t.threshold);
      expect(result.confusion).toEqual([
        [t.tn, t.fp],
        [t.fn, t.tp],
      ]);
      expectClose(result.precision, t.precision, `precision at ${t.threshold}`);
      expectClose(result.recall, t.recall, `recall at ${t.threshold}`);
    }
  });

  it("each ROC point is the threshold's operating point", () => {
    const c = fixture.scores["binary-ties"] as ScoreCase;
    const p1 = column(c, 1);
    const curve = rocCurve(c.labels, p1);
    curve?.thresholds.forEach((threshold, i) => {
      const result = binaryAtThreshold(c.labels, p1, threshold);
      const negatives = result.falsePositives + result.trueNegatives;
      expect(result.falsePositives / negatives).toBeCloseTo(curve.fpr[i] as number, 15);
      expect(result.recall).toBeCloseTo(curve.tpr[i] as number, 15);
    });
  });
});

describe("one-vs-rest curves and scores equal scikit-learn's", () => {
  it.each(multiclassCases)("%s", (name) => {
    const c = fixture.scores[name] as ScoreCase;
    const report = classificationCurves(c.labels, c.probabilities, c.classCount);
    c.perClass?.forEach((entry, k) => expectEntry(c, k, entry, report, `${name} class ${k}`));
    expectClose(report.rocAuc.macro, c.macro?.rocAuc as number, "macro roc auc");
    expectClose(report.rocAuc.weighted, c.weighted?.rocAuc as number, "weighted roc auc");
    expectClose(report.averagePrecision.macro, c.macro?.averagePrecision as number, "macro AP");
    expectClose(
      report.averagePrecision.weighted,
      c.weighted?.averagePrecision as number,
      "weighted AP",
    );
    expectClose(logLoss(c.labels, c.probabilities, c.classCount), c.logLoss, "log loss");
  });
});

describe("undefined cases and hand-checked values", () => {
  it("gives null, not a number, where a class is missing", () => {
    expect(rocAuc([1, 1, 1], [0.2, 0.5, 0.9])).toBeNull();
    expect(averagePrecision([0, 0], [0.2, 0.5])).toBeNull();
    const report = classificationCurves(
      [0, 0, 1, 1],
      [0.9, 0.1, 0, 0.8, 0.2, 0, 0.3, 0.7, 0, 0.1, 0.9, 0],
      3,
    );
    expect(report.perClass[2]?.rocAuc).toBeNull();
    expect(report.rocAuc.macro).toBe(1);
  });

  it("scores a textbook case", () => {
    // Scores 0.1 0.4 0.35 0.8 for labels 0 0 1 1: AUC 0.75, AP 0.8333… (scikit-learn's docs).
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBe(0.75);
    expect(averagePrecision([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.8333333333, 9);
    expect(() => rocAuc([0, 1], [0.5, NaN])).toThrow(/finite/);
  });

  it("bins probabilities on the lower side of an edge, as calibration_curve does", () => {
    const curve = calibrationCurve([0, 1, 1, 0], [0.1, 0.1, 0.95, 0.3], 10);
    expect(curve.bins).toEqual([0, 2, 9]);
    expect(curve.fractionPositive).toEqual([0.5, 0, 1]);
    expect(curve.counts).toEqual([2, 1, 1]);
  });

  it("clips probabilities of 0 in the log loss instead of returning Infinity", () => {
    expect(logLoss([1], [1, 0], 2)).toBeCloseTo(-Math.log(2.220446049250313e-16), 9);
  });
});
