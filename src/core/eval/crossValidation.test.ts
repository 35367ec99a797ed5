import { describe, expect, it } from "vitest";
import { scoreFold, summarizeFolds, type FoldTruth } from "./crossValidation";

const classes = { kind: "classes" as const, column: "y", classNames: ["no", "yes"] };
const classTruth = (labels: number[]): FoldTruth => ({
  testLabels: labels,
  testTargets: [],
  trainTargets: [],
  label: classes,
});

describe("summarizeFolds", () => {
  it("gives each metric's mean and population std over the folds", () => {
    // Fold 1 predicts [0, 1, 0] for [0, 1, 1] (2 of 3 right); fold 2 gets [0, 1] right.
    const summary = summarizeFolds({
      truths: [classTruth([0, 1, 1]), classTruth([0, 1])],
      network: [
        [0.9, 0.1, 0.2, 0.8, 0.6, 0.4],
        [0.7, 0.3, 0.1, 0.9],
      ],
      linear: [
        [0.9, 0.1, 0.2, 0.8, 0.2, 0.8],
        [0.3, 0.7, 0.1, 0.9],
      ],
      folds: 2,
      rows: 5,
    });
    expect(summary.completed).toBe(2);
    expect(summary.network.accuracy?.mean).toBeCloseTo(5 / 6, 12);
    expect(summary.network.accuracy?.std).toBeCloseTo(1 / 6, 12);
    // Fold 1's recall: "no" 1/1, "yes" 1/2 → macro 0.75; fold 2: 1.
    expect(summary.network.recall?.mean).toBeCloseTo(0.875, 12);
    // The linear model: all right on fold 1, half on fold 2.
    expect(summary.linear?.accuracy?.mean).toBeCloseTo(0.75, 12);
    expect(summary.linear?.accuracy?.std).toBeCloseTo(0.25, 12);
  });

  it("has no figures when a stop left folds unfinished, and no linear column when one fold lacks it", () => {
    const truths = [classTruth([0, 1]), classTruth([1, 0])];
    const stopped = summarizeFolds({
      truths,
      network: [[1, 0, 0, 1]],
      linear: [[1, 0, 0, 1]],
      folds: 2,
      rows: 4,
    });
    expect(stopped.completed).toBe(1);
    expect(stopped.network).toEqual({});
    expect(stopped.linear).toBeNull();
    const noLinear = summarizeFolds({
      truths,
      network: [
        [1, 0, 0, 1],
        [0, 1, 1, 0],
      ],
      linear: [[1, 0, 0, 1], null],
      folds: 2,
      rows: 4,
    });
    expect(noLinear.network.accuracy).toEqual({ mean: 1, std: 0 });
    expect(noLinear.linear).toBeNull();
  });
});

describe("scoreFold", () => {
  it("turns standardised predictions into the target's units with the fold's own encoding", () => {
    const metrics = scoreFold(
      {
        testLabels: [],
        testTargets: [10, 14],
        trainTargets: [8, 12],
        label: { kind: "standardized", column: "y", decimalComma: false, mean: 10, std: 2 },
      },
      [0, 1],
    );
    // Predictions 10 and 12 for 10 and 14: errors 0 and 2.
    expect(metrics.mae).toBeCloseTo(1, 12);
    expect(metrics.rmse).toBeCloseTo(Math.sqrt(2), 12);
    expect(metrics.r2).toBeCloseTo(1 - 4 / 8, 12);
  });
});
