import { describe, expect, it } from "vitest";
import { preparedSample } from "../../../tests/support/sampleSplits";
import { fitLinearBaseline, logisticIterationCap, predictLinearBaseline } from "./linearBaseline";
import { argmaxRows, classificationReport, regressionReport } from "./metrics";

describe("the linear baseline on the studio's own splits", () => {
  it("classifies iris's test split as well as logistic regression should", async () => {
    const { plan, train, test } = await preparedSample("iris.csv", "species", "classification");
    const baseline = fitLinearBaseline(train, "classification", 3);
    expect(baseline.kind).toBe("logistic");
    const probabilities = predictLinearBaseline(baseline, test.x, test.rows);
    expect(probabilities).toHaveLength(test.rows * 3);
    const predicted = argmaxRows(Array.from(probabilities), 3);
    const report = classificationReport(Array.from(test.y), predicted, plan.classNames, []);
    expect(report.accuracy).toBeGreaterThan(0.85);
  });

  it("explains about half of diabetes progression, as a linear model does", async () => {
    const { train, test } = await preparedSample("diabetes.csv", "progression", "regression");
    const baseline = fitLinearBaseline(train, "regression", 0);
    expect(baseline.kind).toBe("ridge");
    const predicted = predictLinearBaseline(baseline, test.x, test.rows);
    const { r2 } = regressionReport(Array.from(test.y), Array.from(predicted), Array.from(train.y));
    expect(r2).toBeGreaterThan(0.3);
    expect(r2).toBeLessThan(0.7);
  });
});

describe("logisticIterationCap", () => {
  it("gives small tables every iteration and caps a 10-class 50k×100 fit at 60", () => {
    expect(logisticIterationCap(150, 4, 3)).toBe(2000);
    expect(logisticIterationCap(50_000, 100, 10)).toBe(60);
    expect(logisticIterationCap(5_000_000, 1000, 10)).toBe(50);
  });
});
