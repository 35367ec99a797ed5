import type { ImageSplit } from "../../train/types";
import { foldsOfPool } from "../crossValidation";
import { splitIndices } from "../split";
import type { SplitFractions } from "../types";
import type { ImageDataset } from "./types";

export interface ImageSplits {
  train: ImageSplit;
  validation: ImageSplit;
  test: ImageSplit;
  /** Index in the dataset of each image of each split. */
  indices: { train: number[]; validation: number[]; test: number[] };
}

function gather(
  dataset: Pick<ImageDataset, "pixels" | "labels" | "size" | "channels">,
  rows: number[],
): ImageSplit {
  const perImage = dataset.size * dataset.size * dataset.channels;
  const pixels = new Uint8Array(rows.length * perImage);
  const y = new Float32Array(rows.length);
  rows.forEach((row, i) => {
    pixels.set(dataset.pixels.subarray(row * perImage, (row + 1) * perImage), i * perImage);
    y[i] = dataset.labels[row] ?? 0;
  });
  return { pixels, y, rows: rows.length };
}

/**
 * A stratified, seeded split of the images (each class split on its own, so every split mirrors the
 * class balance; the same seed gives the same split). Copies the bytes, [rows, H, W, C] per split.
 */
export function splitImageDataset(
  dataset: Pick<ImageDataset, "pixels" | "labels" | "size" | "channels" | "count">,
  fractions: SplitFractions,
  seed: number,
): ImageSplits {
  const indices = splitIndices(Array.from(dataset.labels), dataset.count, fractions, seed);
  return {
    train: gather(dataset, indices.train),
    validation: gather(dataset, indices.validation),
    test: gather(dataset, indices.test),
    indices,
  };
}

/** One cross-validation fold of pictures: the bytes it trains, validates and tests on. */
export interface ImageFold {
  train: ImageSplit;
  validation: ImageSplit;
  test: ImageSplit;
  /** Index in the dataset of each picture of each part. */
  indices: { train: number[]; validation: number[]; test: number[] };
}

/**
 * k folds over the pictures the main split trains and validates on (`splits.indices`); its test
 * pictures stay out of every fold. Stratified by class and seeded, as tables are (foldsOfPool):
 * every pooled picture is tested once; within a fold the rest is split again into training and
 * validation in the proportions of `fractions`. Copies the bytes of each fold.
 */
export function imageFolds(
  dataset: Pick<ImageDataset, "pixels" | "labels" | "size" | "channels" | "count">,
  indices: { train: number[]; validation: number[] },
  fractions: SplitFractions,
  seed: number,
  k: number,
): ImageFold[] {
  const pool = [...indices.train, ...indices.validation].sort((a, b) => a - b);
  const labels = pool.map((i) => dataset.labels[i] ?? 0);
  return foldsOfPool(pool, labels, fractions, seed, k).map((rows) => ({
    train: gather(dataset, rows.train),
    validation: gather(dataset, rows.validation),
    test: gather(dataset, rows.test),
    indices: rows,
  }));
}
