import type { ArraySplit, DataSplit, ImageSplit, TrainingData } from "./types";

/**
 * The batch source: what turns a split's stored examples into the floats of one batch. Tables are
 * floats already; images stay bytes (Uint8, [rows, H, W, C], 0–255) until a batch asks for them and
 * are scaled by 1/255 to [0, 1] (the "unit" scaling recorded in ImagePreprocessing).
 */

/** Bytes 0–255 to floats in [0, 1]: the "unit" pixel scaling. */
export const PIXEL_SCALE = 1 / 255;

export function isImageSplit(split: DataSplit): split is ImageSplit {
  return "pixels" in split;
}

/** The shape of one example: `inputShape` when given (images: [H, W, C]), else [featureCount]. */
export function exampleShape(data: Pick<TrainingData, "featureCount" | "inputShape">): number[] {
  return data.inputShape ?? [data.featureCount];
}

/** Stored examples, floats (tables) or bytes (images), row-major [rows, featureCount]. */
export type ExampleValues = Float32Array | Uint8Array;

export function valuesOf(split: DataSplit): ExampleValues {
  return isImageSplit(split) ? split.pixels : (split as ArraySplit).x;
}

/**
 * Floats of the examples at `indices`, row-major [indices.length, featureCount]. Bytes are scaled
 * by 1/255; floats are copied as they are.
 */
export function gatherFeatures(
  values: ExampleValues,
  indices: ArrayLike<number>,
  featureCount: number,
): Float32Array {
  const out = new Float32Array(indices.length * featureCount);
  const scale = values instanceof Uint8Array ? PIXEL_SCALE : 1;
  for (let i = 0; i < indices.length; i++) {
    const start = (indices[i] as number) * featureCount;
    const target = i * featureCount;
    for (let f = 0; f < featureCount; f++) out[target + f] = (values[start + f] as number) * scale;
  }
  return out;
}

/** Floats of examples start..end-1, row-major [end - start, featureCount]. */
export function featureRange(
  values: ExampleValues,
  start: number,
  end: number,
  featureCount: number,
): Float32Array {
  const slice = values.subarray(start * featureCount, end * featureCount);
  if (slice instanceof Float32Array) return slice;
  const out = new Float32Array(slice.length);
  for (let i = 0; i < slice.length; i++) out[i] = (slice[i] as number) * PIXEL_SCALE;
  return out;
}

/** The buffers of a split, to transfer to a worker rather than copy. */
export function splitBuffers(split: DataSplit): ArrayBufferLike[] {
  return [valuesOf(split).buffer, split.y.buffer];
}

/**
 * Bytes a dataset of `count` images of size×size×channels takes as stored (bytes) and as one batch
 * of floats: what lets 20,000 images of 64×64×3 fit (245 MB stored, 1.5 MB per batch of 32).
 */
export function imageMemoryBytes(
  count: number,
  size: number,
  channels: number,
  batchSize: number,
): { stored: number; batch: number } {
  const perImage = size * size * channels;
  return { stored: count * perImage, batch: batchSize * perImage * 4 };
}
