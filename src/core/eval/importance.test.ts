import { describe, expect, it } from "vitest";
import { fruitPreprocessing } from "../../../tests/support/fruitTable";
import { permutationImportance } from "./importance";
import type { PredictRows } from "./importance";
import { inputColumnFeatures } from "./inputColumns";

describe("input columns → model features", () => {
  it("gives a one-hot column all of its features", async () => {
    const preprocessing = await fruitPreprocessing();
    expect(preprocessing.featureNames).toEqual([
      "size",
      "color=red",
      "color=blue",
      "color=green",
      "fresh",
    ]);
    expect(inputColumnFeatures(preprocessing)).toEqual([
      { column: "size", kind: "numeric", features: [0] },
      { column: "color", kind: "one-hot", features: [1, 2, 3] },
      { column: "fresh", kind: "boolean", features: [4] },
    ]);
    expect(() => inputColumnFeatures({ ...preprocessing, featureNames: ["size"] })).toThrow(
      /5 features but it names 1/,
    );
  });
});

describe("permutation importance", () => {
  // Features: num | cat=a, cat=b. The model predicts num + 2·(cat=a) and y equals that, so R² = 1.
  const x = Float32Array.from([1, 1, 0, 2, 0, 1, 3, 1, 0, 4, 0, 1]);
  const y = [3, 2, 5, 4];
  const columns = [
    { column: "num", kind: "numeric" as const, features: [0] },
    { column: "cat", kind: "one-hot" as const, features: [1, 2] },
  ];
  const seen: Float32Array[] = [];
  const predict: PredictRows = (input, rows) => {
    seen.push(input);
    return Promise.resolve(
      Float32Array.from(
        { length: rows },
        (_, r) => (input[r * 3] as number) + 2 * (input[r * 3 + 1] as number),
      ),
    );
  };
  const fixed = [
    [1, 0, 3, 2],
    [3, 2, 1, 0],
  ];

  it("matches a hand-computed case with fixed permutations", async () => {
    const progress: Array<[number, number]> = [];
    const result = await permutationImportance(x, y, 4, columns, predict, {
      task: "regression",
      repeats: 2,
      permutations: (_rows, _column, repeat) => fixed[repeat] as number[],
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.metric).toBe("r2");
    expect(result.baseline).toBe(1);
    // num shuffled by [1,0,3,2]: predictions 4 1 6 3, squared errors 4 → R² 1 − 4/5 = 0.2.
    // By [3,2,1,0]: predictions 6 3 4 1, squared errors 20 → R² −3. Drops 0.8 and 4.
    const [num, cat] = result.columns;
    expect(num?.drops[0]).toBeCloseTo(0.8, 12);
    expect(num?.drops[1]).toBeCloseTo(4, 12);
    expect(num?.mean).toBeCloseTo(2.4, 12);
    expect(num?.std).toBeCloseTo(1.6, 12);
    // cat shuffled either way gives cat=a 0 1 0 1: predictions 1 4 3 6, errors 16 → R² −2.2.
    expect(cat?.drops[0]).toBeCloseTo(3.2, 12);
    expect(cat?.drops[1]).toBeCloseTo(3.2, 12);
    expect(cat?.std).toBeCloseTo(0, 12);
    expect(progress).toEqual([1, 2, 3, 4, 5].map((done) => [done, 5]));
    // The one-hot column moved as one: every row still has exactly one category.
    for (const input of seen) {
      for (let r = 0; r < 4; r++)
        expect((input[r * 3 + 1] as number) + (input[r * 3 + 2] as number)).toBe(1);
    }
  });

  it("scores accuracy for classification, and is seeded", async () => {
    // Class 1 when feature 0 > 0.5; feature 1 is noise the model ignores.
    const rows = 40;
    const input = Float32Array.from({ length: rows * 2 }, (_, i) =>
      i % 2 === 0 ? (i / 2) % 2 : i % 7,
    );
    const labels = Array.from({ length: rows }, (_, r) => r % 2);
    const classify: PredictRows = (batch, n) =>
      Promise.resolve(
        Float32Array.from({ length: n * 2 }, (_, i) => {
          const on = (batch[Math.floor(i / 2) * 2] as number) > 0.5;
          return i % 2 === 1 ? (on ? 0.9 : 0.1) : on ? 0.1 : 0.9;
        }),
      );
    const twoColumns = [
      { column: "signal", kind: "numeric" as const, features: [0] },
      { column: "noise", kind: "numeric" as const, features: [1] },
    ];
    const options = { task: "classification" as const, classCount: 2, repeats: 5, seed: 3 };
    const result = await permutationImportance(input, labels, rows, twoColumns, classify, options);
    expect(result.metric).toBe("accuracy");
    expect(result.baseline).toBe(1);
    expect(result.columns[0]?.mean).toBeGreaterThan(0.25);
    expect(result.columns[1]?.mean).toBe(0);
    const again = await permutationImportance(input, labels, rows, twoColumns, classify, options);
    expect(again).toEqual(result);
    const other = await permutationImportance(input, labels, rows, twoColumns, classify, {
      ...options,
      seed: 4,
    });
    expect(other.columns[0]?.drops).not.toEqual(result.columns[0]?.drops);
  });
});
