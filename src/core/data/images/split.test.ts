import { describe, expect, it } from "vitest";
import { splitImageDataset } from "./split";

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
