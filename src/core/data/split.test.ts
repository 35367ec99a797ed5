import { describe, expect, it } from "vitest";
import { mulberry32, shuffleInPlace } from "./random";
import { splitIndices, splitProblem, validateFractions } from "./split";
import type { SplitIndices } from "./types";

const iris = Array.from({ length: 150 }, (_, i) => Math.floor(i / 50));
const fractions = { train: 0.7, validation: 0.15, test: 0.15 };

function expectPartition(split: SplitIndices, rowCount: number): void {
  const all = [...split.train, ...split.validation, ...split.test].sort((a, b) => a - b);
  expect(all).toEqual(Array.from({ length: rowCount }, (_, i) => i));
}

function classCounts(rows: number[], labels: number[]): number[] {
  const counts = [0, 0, 0];
  for (const row of rows) counts[labels[row] as number]! += 1;
  return counts;
}

describe("random", () => {
  it("mulberry32 is deterministic and in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const values = Array.from({ length: 1000 }, () => a());
    expect(values).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(43)()).not.toBe(values[0]);
  });

  it("shuffleInPlace permutes", () => {
    const array = Array.from({ length: 20 }, (_, i) => i);
    const shuffled = shuffleInPlace([...array], mulberry32(1));
    expect(shuffled).not.toEqual(array);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(array);
  });
});

describe("splitIndices", () => {
  it("splits iris-like classes 70/15/15 proportionally", () => {
    const split = splitIndices(iris, 150, fractions, 7);
    expect(split.train).toHaveLength(105);
    expect(split.validation.length).toBeGreaterThanOrEqual(22);
    expect(split.validation.length).toBeLessThanOrEqual(23);
    expect(split.test.length).toBeGreaterThanOrEqual(22);
    expect(split.test.length).toBeLessThanOrEqual(23);
    expectPartition(split, 150);
    expect(classCounts(split.train, iris)).toEqual([35, 35, 35]);
    for (const rows of [split.validation, split.test]) {
      for (const count of classCounts(rows, iris)) expect([7, 8]).toContain(count);
    }
    expect(split.validation).toEqual([...split.validation].sort((a, b) => a - b));
    expect(split.test).toEqual([...split.test].sort((a, b) => a - b));
  });

  it("is deterministic for a seed and differs for another", () => {
    expect(splitIndices(iris, 150, fractions, 7)).toEqual(splitIndices(iris, 150, fractions, 7));
    expect(splitIndices(iris, 150, fractions, 8).test).not.toEqual(
      splitIndices(iris, 150, fractions, 7).test,
    );
    expect(splitIndices(null, 150, fractions, 1)).toEqual(splitIndices(null, 150, fractions, 1));
  });

  it("cuts unstratified rows to the requested sizes", () => {
    const split = splitIndices(null, 1000, { train: 0.8, validation: 0, test: 0.2 }, 3);
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([800, 0, 200]);
    expectPartition(split, 1000);
    expect(split.train).not.toEqual([...split.train].sort((a, b) => a - b));
  });

  it("keeps totals near the fractions with many small classes", () => {
    const labels = Array.from({ length: 103 }, (_, i) => i % 9);
    const split = splitIndices(labels, 103, { train: 0.6, validation: 0.2, test: 0.2 }, 5);
    expectPartition(split, 103);
    expect(Math.abs(split.train.length - 62)).toBeLessThanOrEqual(9);
    expect(Math.abs(split.validation.length - 21)).toBeLessThanOrEqual(9);
    for (let c = 0; c < 9; c++) {
      for (const rows of [split.train, split.validation, split.test]) {
        expect(rows.some((row) => labels[row] === c)).toBe(true);
      }
    }
  });

  it("gives every split a row of a class with 3 rows", () => {
    const labels = [0, 0, 0, ...new Array<number>(97).fill(1)];
    const split = splitIndices(labels, 100, { train: 0.9, validation: 0.05, test: 0.05 }, 2);
    for (const rows of [split.train, split.validation, split.test]) {
      expect(rows.filter((row) => labels[row] === 0)).toHaveLength(1);
    }
  });

  // Largest remainder keeps totals within ± classes; the one-row-per-split minimum of classes with
  // 3+ rows can move one more row per class and split when a share is tiny.
  it("always partitions the rows, with totals near the request", () => {
    const rng = mulberry32(99);
    for (let trial = 0; trial < 200; trial++) {
      const rowCount = Math.floor(rng() * 300);
      const classes = 1 + Math.floor(rng() * 12);
      const labels = Array.from({ length: rowCount }, () => Math.floor(rng() ** 2 * classes));
      const validation = Math.round(rng() * 30) / 100;
      const test = Math.round(rng() * 30) / 100;
      const f = { train: 1 - validation - test, validation, test };
      const split = splitIndices(labels, rowCount, f, trial);
      expectPartition(split, rowCount);
      const slack = 2 * classes + 1;
      expect(Math.abs(split.train.length - f.train * rowCount)).toBeLessThanOrEqual(slack);
      expect(Math.abs(split.test.length - f.test * rowCount)).toBeLessThanOrEqual(slack);
      if (test === 0) expect(split.test).toEqual([]);
    }
  });

  it("rejects invalid fractions with a readable message", () => {
    expect(() => validateFractions({ train: 0.5, validation: 0.2, test: 0.2 })).toThrow(/add up/);
    expect(() => validateFractions({ train: 0, validation: 0.5, test: 0.5 })).toThrow(/training/);
    expect(() => validateFractions({ train: 1.2, validation: -0.2, test: 0 })).toThrow(/between/);
    expect(() => splitIndices([0, 1], 3, fractions, 1)).toThrow(/labels/);
  });
});

describe("splitProblem", () => {
  it("accepts shares that add up to 100% with training and test rows", () => {
    expect(splitProblem(fractions)).toBeNull();
    expect(splitProblem({ train: 0.8, validation: 0, test: 0.2 })).toBeNull();
    // 0.7 + 0.2 + 0.1 is 0.9999999999999999 in floating point: still 100%.
    expect(splitProblem({ train: 0.7, validation: 0.2, test: 0.1 })).toBeNull();
  });

  it("says what is wrong, in percent", () => {
    expect(splitProblem({ train: 0.7, validation: 0.3, test: 0.2 })).toBe(
      "The split shares add up to 120%; make them add up to 100%.",
    );
    expect(splitProblem({ train: 0, validation: 0.5, test: 0.5 })).toMatch(/training share is 0%/);
    expect(splitProblem({ train: 0.9, validation: 0.1, test: 0 })).toMatch(/test share is 0%/);
    expect(splitProblem({ train: 1.2, validation: -0.2, test: 0 })).toMatch(
      /train share must be between 0% and 100% \(it is 120%\)/,
    );
    expect(splitProblem({ train: NaN, validation: 0.5, test: 0.5 })).toMatch(/train share/);
  });
});
