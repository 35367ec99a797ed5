import { describe, expect, it } from "vitest";
import {
  argmaxRows,
  classificationReport,
  confusionMatrix,
  explainMetric,
  metricExplanations,
  mostFrequentClass,
  numpySum,
  regressionReport,
} from "./metrics";

describe("confusionMatrix", () => {
  it("counts actual (rows) against predicted (columns)", () => {
    expect(confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 0, 2], 3)).toEqual([
      [1, 1, 0],
      [0, 1, 0],
      [1, 0, 2],
    ]);
  });

  it("rejects arrays of different lengths", () => {
    expect(() => confusionMatrix([0, 1], [0], 2)).toThrow(/differ in length/);
  });
});

describe("classificationReport", () => {
  // sklearn: y_true=[0,0,1,1,1,2], y_pred=[0,1,1,1,2,2]
  const report = classificationReport([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 2], ["a", "b", "c"], []);

  it("computes accuracy and per-class metrics", () => {
    expect(report.accuracy).toBeCloseTo(4 / 6, 15);
    expect(report.perClass.map((m) => m.precision)).toEqual([1, 2 / 3, 1 / 2]);
    expect(report.perClass.map((m) => m.recall)).toEqual([1 / 2, 2 / 3, 1]);
    expect(report.perClass.map((m) => m.support)).toEqual([2, 3, 1]);
    expect(report.perClass[0]?.f1).toBeCloseTo(2 / 3, 15);
    expect(report.macro.support).toBe(6);
    expect(report.weighted.recall).toBeCloseTo(report.accuracy, 15);
    expect(report.testSize).toBe(6);
  });

  it("sets ill-defined precision, recall and F1 to 0 (zero_division=0)", () => {
    const r = classificationReport([0, 0, 1], [0, 0, 0], ["x", "y", "z"], [1]);
    expect(r.perClass[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 1 });
    expect(r.perClass[2]).toMatchObject({ precision: 0, recall: 0, f1: 0, support: 0 });
    expect(r.macro.recall).toBeCloseTo(1 / 3, 15);
    expect(r.baselineClass).toBe("y");
    expect(r.baselineAccuracy).toBeCloseTo(1 / 3, 15);
  });

  it("uses the lowest index among equally frequent training classes as the baseline", () => {
    expect(mostFrequentClass([2, 1, 2, 1, 0], 3)).toBe(1);
    const r = classificationReport([0, 1], [0, 1], ["p", "q"], [1, 0]);
    expect(r.baselineClass).toBe("p");
    expect(r.baselineAccuracy).toBe(0.5);
  });
});

describe("regressionReport", () => {
  it("computes MAE, MSE, RMSE and R²", () => {
    // sklearn: y_true=[3,-0.5,2,7], y_pred=[2.5,0,2,8] -> mae .5, mse .375, r2 0.9486081370449679
    const r = regressionReport([3, -0.5, 2, 7], [2.5, 0, 2, 8], [1, 2, 3]);
    expect(r.mae).toBe(0.5);
    expect(r.mse).toBe(0.375);
    expect(r.rmse).toBe(Math.sqrt(0.375));
    expect(r.r2).toBe(0.9486081370449679);
    expect(r.baseline.value).toBe(2);
    expect(r.baseline.mae).toBe((1 + 2.5 + 0 + 5) / 4);
  });

  it("follows force_finite for a constant target", () => {
    expect(regressionReport([0.1, 0.1, 0.1], [0.1, 0.1, 0.1], [0]).r2).toBe(1);
    expect(regressionReport([0.1, 0.1, 0.1], [0.2, 0.1, 0.1], [0]).r2).toBe(0);
    // numpy's mean of fifty 0.1s is 0.09999999999999998; the target is still constant.
    expect(regressionReport(new Array(50).fill(0.1), new Array(50).fill(0.2), [0]).r2).toBe(0);
  });
});

describe("argmaxRows", () => {
  it("picks the first of equal maxima", () => {
    expect(argmaxRows(new Float32Array([0.2, 0.5, 0.3, 0.4, 0.4, 0.2]), 3)).toEqual([1, 0]);
    expect(argmaxRows([1, 1], 1)).toEqual([0, 0]);
  });
});

describe("numpySum", () => {
  it("sums in numpy's pairwise order", () => {
    // Reference values from numpy 1.24: np.sum(np.full(n, 0.1)).
    expect(numpySum(new Array(10).fill(0.1))).toBe(1); // a plain loop gives 0.9999999999999999
    expect(numpySum(new Array(50).fill(0.1))).toBe(4.999999999999999);
    expect(numpySum(new Array(1000).fill(0.1))).toBe(100.00000000000001);
  });
});

describe("explainMetric", () => {
  it("speaks of pictures for a picture report and of rows for a table", () => {
    expect(explainMetric("accuracy", "row")).toBe(metricExplanations.accuracy);
    expect(explainMetric("accuracy", "picture")).toBe(
      "Share of test pictures whose class the model got right (1 means all of them).",
    );
    expect(explainMetric("roc_auc", "picture")).toContain("a random picture of the class");
  });
});

describe("metricExplanations", () => {
  it("explains every metric in one line", () => {
    const shown = ["accuracy", "precision", "recall", "f1", "support", "macro", "weighted"];
    const regression = ["mae", "mse", "rmse", "r2", "baseline"];
    const scores = ["linear", "roc_auc", "average_precision", "log_loss", "brier", "threshold"];
    expect(Object.keys(metricExplanations).sort()).toEqual(
      [...shown, ...regression, ...scores].sort(),
    );
    for (const text of Object.values(metricExplanations)) {
      expect(text.length).toBeGreaterThan(20);
      expect(text).not.toContain("\n");
    }
  });
});
