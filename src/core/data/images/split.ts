import type { ImageSplit } from "../../train/types";
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
