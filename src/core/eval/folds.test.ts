import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCsvText } from "../data/csv";
import { classNamesOf, targetClassIndices } from "../data/preprocess";
import { aggregateFolds, kFoldSplits, meanStd, stratifiedKFoldSplits } from "./folds";
import type { Fold } from "./folds";

function expectPartition(folds: Fold[], rowCount: number): void {
  const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
  expect(tested).toEqual(Array.from({ length: rowCount }, (_, i) => i));
  for (const fold of folds) {
    expect(fold.train.length + fold.test.length).toBe(rowCount);
    const inTest = new Set(fold.test);
    expect(fold.train.some((row) => inTest.has(row))).toBe(false);
    expect(fold.test).toEqual([...fold.test].sort((a, b) => a - b));
  }
  const sizes = folds.map((f) => f.test.length);
  expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
}

describe("k-fold splits", () => {
  it("puts every row in exactly one test fold, seeded", () => {
    const folds = kFoldSplits(23, 5, 7);
    expect(folds).toHaveLength(5);
    expectPartition(folds, 23);
    expect(kFoldSplits(23, 5, 7)).toEqual(folds);
    expect(kFoldSplits(23, 5, 8)).not.toEqual(folds);
  });

  it("refuses fold counts that cannot work", () => {
    expect(() => kFoldSplits(3, 5)).toThrow(/at least 5 rows/);
    expect(() => kFoldSplits(30, 1)).toThrow(/at least 2 folds/);
  });
});

describe("stratified k-fold splits", () => {
  it("keeps iris's three classes at 10 per test fold", async () => {
    const url = new URL("../../../public/samples/iris.csv", import.meta.url);
    const table = await parseCsvText(readFileSync(url, "utf8"), "iris.csv");
    const labels = targetClassIndices(table, "species", classNamesOf(table, "species"));
    const folds = stratifiedKFoldSplits(labels, 5, 3);
    expectPartition(folds, 150);
    for (const fold of folds) {
      const counts = [0, 1, 2].map((c) => fold.test.filter((r) => labels[r] === c).length);
      expect(counts).toEqual([10, 10, 10]);
    }
  });

  it("keeps an imbalanced class's share within one row per fold", () => {
    const labels = Array.from({ length: 103 }, (_, i) => (i % 10 === 0 ? 1 : i % 3 === 0 ? 2 : 0));
    const folds = stratifiedKFoldSplits(labels, 4, 11);
    expectPartition(folds, 103);
    for (const c of [0, 1, 2]) {
      const total = labels.filter((l) => l === c).length;
      for (const fold of folds) {
        const count = fold.test.filter((r) => labels[r] === c).length;
        expect(Math.abs(count - total / 4)).toBeLessThan(1);
      }
    }
    expect(stratifiedKFoldSplits(labels, 4, 11)).toEqual(folds);
    expect(stratifiedKFoldSplits(labels, 4, 12)).not.toEqual(folds);
  });
});

describe("mean ± standard deviation over folds", () => {
  it("uses the population standard deviation, as numpy's np.std", () => {
    expect(meanStd([2, 4, 4, 4, 5, 5, 7, 9])).toEqual({ mean: 5, std: 2 });
    expect(
      aggregateFolds([
        { r2: 0.5, mae: 1 },
        { r2: 0.7, mae: 3 },
      ]),
    ).toEqual({
      r2: { mean: 0.6, std: expect.closeTo(0.1, 12) as number },
      mae: { mean: 2, std: 1 },
    });
    expect(() => aggregateFolds([])).toThrow(/no folds/);
  });
});
