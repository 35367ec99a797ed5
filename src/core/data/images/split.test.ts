import { describe, expect, it } from "vitest";
import { imageFolds, splitImageDataset } from "./split";

/** 30 images of 2×2×1 in 3 classes (20, 5, 5); each image's bytes are its index. */
const dataset = {
  size: 2,
  channels: 1 as const,
  count: 30,
  labels: Int32Array.from({ length: 30 }, (_, i) => (i < 20 ? 0 : i < 25 ? 1 : 2)),
  pixels: Uint8Array.from({ length: 120 }, (_, i) => Math.floor(i / 4)),
};
const fractions = { train: 0.6, validation: 0.2, test: 0.2 };

describe("splitImageDataset", () => {
  it("is stratified: every split holds every class in proportion", () => {
    const { train, validation, test } = splitImageDataset(dataset, fractions, 1);
    const count = (y: Float32Array, c: number) => y.filter((v) => v === c).length;
    expect([0, 1, 2].map((c) => count(train.y, c))).toEqual([12, 3, 3]);
    expect([0, 1, 2].map((c) => count(validation.y, c))).toEqual([4, 1, 1]);
    expect([0, 1, 2].map((c) => count(test.y, c))).toEqual([4, 1, 1]);
  });

  it("copies each image's bytes with its label, and the same seed gives the same split", () => {
    const a = splitImageDataset(dataset, fractions, 1);
    a.indices.test.forEach((row, i) => {
      expect(Array.from(a.test.pixels.subarray(i * 4, i * 4 + 4))).toEqual([row, row, row, row]);
      expect(a.test.y[i]).toBe(dataset.labels[row]);
    });
    expect(splitImageDataset(dataset, fractions, 1).indices).toEqual(a.indices);
    expect(splitImageDataset(dataset, fractions, 2).indices).not.toEqual(a.indices);
  });
});

describe("imageFolds", () => {
  const main = splitImageDataset(dataset, fractions, 1);
  // 24 pictures outside the test split (16, 4, 4 by class), dealt into 4 folds.
  const folds = imageFolds(dataset, main.indices, fractions, 1, 4);
  const count = (y: Float32Array, c: number) => y.filter((v) => v === c).length;

  it("tests every picture outside the main test split once, and never a test picture", () => {
    const tested = folds.flatMap((f) => f.indices.test).sort((a, b) => a - b);
    expect(tested).toEqual(
      [...main.indices.train, ...main.indices.validation].sort((a, b) => a - b),
    );
    for (const fold of folds) {
      for (const part of [fold.indices.train, fold.indices.validation, fold.indices.test]) {
        expect(part.some((i) => main.indices.test.includes(i))).toBe(false);
      }
      // A fold trains and validates on the pooled pictures it does not test on.
      const rest = [...fold.indices.train, ...fold.indices.validation].sort((a, b) => a - b);
      expect(rest).toHaveLength(24 - fold.indices.test.length);
      expect(rest.some((i) => fold.indices.test.includes(i))).toBe(false);
    }
  });

  it("is stratified: each fold tests on every class in proportion (16, 4, 4 over 4 folds)", () => {
    for (const fold of folds) {
      expect([0, 1, 2].map((c) => count(fold.test.y, c))).toEqual([4, 1, 1]);
      // The other 18 (12, 3, 3) split 3 : 1 into training and validation like the main run
      // (0.6 : 0.2), class by class: 9 + 3 of class 0, 2 + 1 of each other class.
      expect([0, 1, 2].map((c) => count(fold.train.y, c))).toEqual([9, 2, 2]);
      expect([0, 1, 2].map((c) => count(fold.validation.y, c))).toEqual([3, 1, 1]);
    }
  });

  it("copies each picture's bytes with its label, and the same seed gives the same folds", () => {
    for (const fold of folds) {
      fold.indices.test.forEach((row, i) => {
        expect(Array.from(fold.test.pixels.subarray(i * 4, i * 4 + 4))).toEqual([
          row,
          row,
          row,
          row,
        ]);
        expect(fold.test.y[i]).toBe(dataset.labels[row]);
      });
    }
    const again = imageFolds(dataset, main.indices, fractions, 1, 4);
    expect(again.map((f) => f.indices)).toEqual(folds.map((f) => f.indices));
    const other = imageFolds(dataset, main.indices, fractions, 2, 4);
    expect(other.map((f) => f.indices)).not.toEqual(folds.map((f) => f.indices));
  });
});
