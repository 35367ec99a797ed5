/**
 * The picture report's linear model as a model like any other. On a backbone: the frozen backbone,
 * then (Flatten and) one Dense softmax holding the logistic regression fitted on its features. On
 * raw pixels: AveragePooling2D (the same downscale the fit saw), Flatten, Dense softmax. Export,
 * ONNX, links and v2 serve either as they serve a network.
 */
import type { LogisticModel } from "../eval/logistic";
import { PIXEL_SCALE } from "../train/batchSource";
import type { StoredTensor } from "../train/types";
import { defaultParams } from "./catalog";
import { linearModelOf } from "./linearModel";
import { freshNodeId, MODEL_SPEC_VERSION, type LayerNode, type ModelSpec } from "./spec";
import { INPUT_ID, OUTPUT_ID } from "./templates";

/** A picture model's linear baseline as a model: spec, weights and what it was fitted on. */
export interface PictureLinearModel {
  spec: ModelSpec;
  weights: StoredTensor[];
  /** In words: "the 64 features of the frozen shapes-cnn", "the pictures averaged down to…". */
  inputs: string;
}

/** Raw pixels are averaged down to about this many cells per side before the fit (8×8 per channel). */
export const PIXEL_LINEAR_SIDE = 8;

/** The pooling window (and stride) that takes `size` pixels to about PIXEL_LINEAR_SIDE cells. */
export function pixelPoolSize(size: number): number {
  return Math.max(1, Math.floor(size / PIXEL_LINEAR_SIDE));
}

/** Cells per side after pooling `size` pixels by `pool` (valid padding: a ragged edge is dropped). */
export function pooledSide(size: number, pool: number): number {
  return Math.floor(size / pool);
}

/**
 * Pictures averaged over pool×pool windows (stride pool, valid padding), scaled as the model sees
 * them (÷255): pixels [rows, size, size, channels] bytes → [rows, side·side·channels] floats in
 * NHWC order, as AveragePooling2D then Flatten give them.
 */
export function poolPixels(
  pixels: Uint8Array,
  rows: number,
  size: number,
  channels: number,
  pool: number,
): Float32Array {
  const side = pooledSide(size, pool);
  const perPicture = size * size * channels;
  if (pixels.length !== rows * perPicture)
    throw new Error(`Expected ${rows} pictures of ${size}×${size}×${channels}.`);
  const width = side * side * channels;
  const out = new Float32Array(rows * width);
  const scale = PIXEL_SCALE / (pool * pool);
  for (let r = 0; r < rows; r++) {
    const picture = r * perPicture;
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++)
        for (let c = 0; c < channels; c++) {
          let sum = 0;
          for (let di = 0; di < pool; di++) {
            const row = picture + (i * pool + di) * size * channels;
            for (let dj = 0; dj < pool; dj++) sum += pixels[row + (j * pool + dj) * channels + c]!;
          }
          out[r * width + (i * side + j) * channels + c] = sum * scale;
        }
  }
  return out;
}

/** What the linear model saw, in words (for the report and the model card). */
export function pictureLinearInputs(
  source: { kind: "backbone"; name: string; features: number } | { kind: "pixels"; side: number },
): string {
  return source.kind === "backbone"
    ? `the ${source.features} features of the frozen ${source.name}`
    : `the pictures averaged down to ${source.side}×${source.side} per channel`;
}

/** The fitted Dense head's kernel and bias, named after `denseId` (see linearModelOf). */
function denseWeights(fitted: LogisticModel, denseId: string): StoredTensor[] {
  const { weights } = linearModelOf(fitted);
  return weights.map((w) => ({ ...w, name: w.name.replace(`${OUTPUT_ID}/`, `${denseId}/`) }));
}

/** The Dense softmax over `classCount` units that holds a logistic fit. */
function softmaxNode(id: string, classCount: number): LayerNode {
  return {
    id,
    type: "Dense",
    params: {
      ...defaultParams("Dense"),
      units: Math.max(2, classCount),
      activation: "softmax",
      useBias: true,
    },
  };
}

/**
 * Input[size, size, channels] → AveragePooling2D(pool) → Flatten → Dense softmax, with the fit's
 * weights: answers as the logistic regression on poolPixels(…, pool) up to float32 rounding.
 */
export function pixelLinearModel(
  fitted: LogisticModel,
  image: { size: number; channels: number; pool: number },
): { spec: ModelSpec; weights: StoredTensor[] } {
  const poolId = "average_pooling2d_1";
  const flattenId = "flatten_1";
  const spec: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    inputs: [INPUT_ID],
    nodes: [
      {
        id: INPUT_ID,
        type: "InputLayer",
        params: { ...defaultParams("InputLayer"), shape: [image.size, image.size, image.channels] },
      },
      {
        id: poolId,
        type: "AveragePooling2D",
        params: {
          ...defaultParams("AveragePooling2D"),
          poolSize: [image.pool, image.pool],
          strides: [image.pool, image.pool],
          padding: "valid",
        },
      },
      { id: flattenId, type: "Flatten", params: defaultParams("Flatten") },
      softmaxNode(OUTPUT_ID, fitted.classCount),
    ],
    edges: [
      { from: INPUT_ID, to: poolId, toIndex: 0 },
      { from: poolId, to: flattenId, toIndex: 0 },
      { from: flattenId, to: OUTPUT_ID, toIndex: 0 },
    ],
    outputs: [OUTPUT_ID],
  };
  return { spec, weights: denseWeights(fitted, OUTPUT_ID) };
}

/**
 * The network's frozen backbone (its nodes and edges up to `cutId`, as they are) then, when the cut
 * is not flat, Flatten, then a Dense softmax. Returns the spec and the Dense weights (named by its
 * id); the backbone's own weights are the pretrained ones, set by name.
 */
export function backboneLinearModel(
  network: ModelSpec,
  backboneIds: string[],
  cutId: string,
  featureShape: number[],
  fitted: LogisticModel,
): { spec: ModelSpec; denseWeights: StoredTensor[] } {
  const keep = new Set(backboneIds);
  const spec: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    inputs: network.inputs,
    nodes: network.nodes.filter((n) => keep.has(n.id)),
    edges: network.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
    outputs: [],
  };
  let last = cutId;
  if (featureShape.length > 1) {
    const flattenId = freshNodeId(spec, "Flatten");
    spec.nodes.push({ id: flattenId, type: "Flatten", params: defaultParams("Flatten") });
    spec.edges.push({ from: last, to: flattenId, toIndex: 0 });
    last = flattenId;
  }
  const denseId = spec.nodes.some((n) => n.id === OUTPUT_ID)
    ? freshNodeId(spec, "Dense")
    : OUTPUT_ID;
  spec.nodes.push(softmaxNode(denseId, fitted.classCount));
  spec.edges.push({ from: last, to: denseId, toIndex: 0 });
  spec.outputs = [denseId];
  return { spec, denseWeights: denseWeights(fitted, denseId) };
}
