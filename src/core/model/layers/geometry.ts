import { featureSize, formatShape, LayerShapeError, type Shape } from "../shape";
import {
  enumParam,
  INITIALIZERS,
  rangeParam,
  type Padding,
  type Params,
  type ParamCount,
} from "./common";

/** Shape checks and sliding-window arithmetic shared by the layer files. */

export function single(inputs: Shape[]): Shape {
  const [first] = inputs;
  if (!first) throw new LayerShapeError("This layer has no input; connect a layer to it.");
  return first;
}

export function lastDim(shape: Shape, layer: string): number {
  const dim = shape[shape.length - 1];
  if (shape.length < 2 || dim === null || dim === undefined) {
    throw new LayerShapeError(
      `${layer} needs an input with a known last dimension, but receives ${formatShape(shape)}.`,
    );
  }
  return dim;
}

export const IMAGE_LAYOUT = "height × width × channels";
export const SEQUENCE_LAYOUT = "steps × channels";

/** What to do when a layer wanting `rank` dimensions (batch included) receives `input`. */
function rankHint(input: Shape, rank: 3 | 4, layout: string): string {
  const dims = input.slice(1);
  const size = featureSize(input);
  const [first, second, third] = dims;
  if (rank === 4 && input.length === 2 && size !== null) {
    const side = Math.round(Math.sqrt(size));
    const example = side * side === size ? `[${side},${side},1]` : layout;
    return `remove a Flatten above it or add a Reshape to ${example}`;
  }
  if (rank === 4 && input.length === 3) {
    return `add a Reshape to ${formatShape([...dims, 1])} above it to give it one channel`;
  }
  if (rank === 3 && input.length === 2 && first != null) {
    return `add a Reshape to [${first},1] above it (${first} steps of one value each)`;
  }
  if (rank === 3 && input.length === 4 && first != null && second != null && third != null) {
    return `add a Reshape to [${first},${second * third}] above it (one step per row), or use a 2D layer`;
  }
  return `add a Reshape above it to make it ${layout}`;
}

/**
 * Throws unless `input` has `rank` dimensions (batch included), naming the layout the layer wants
 * and how to get there; `extraHint` adds a layer-specific way out.
 */
export function requireRank(
  input: Shape,
  layer: string,
  rank: 3 | 4,
  layout: string,
  extraHint?: string,
): void {
  if (input.length === rank) return;
  const hint = rankHint(input, rank, layout) + (extraHint ? `, ${extraHint}` : "");
  throw new LayerShapeError(
    `${layer} needs an input of ${layout}, but receives ${formatShape(input)}; ${hint}.`,
  );
}

/** The length of one axis after a window of `window` sliding by `stride` (tf.js's convOutputLength). */
export function windowLength(
  input: number | null,
  window: number,
  stride: number,
  padding: Padding,
): number | null {
  if (input === null) return null;
  const length = padding === "same" ? input : input - window + 1;
  return Math.floor((length + stride - 1) / stride);
}

export interface WindowSettings {
  layer: string;
  /** "pool size" or "kernel size", with `windows` for the message. */
  sizeName: string;
  windows: number[];
  strides: number[];
  padding: Padding;
  /** A fix besides "remove it or use padding 'same'", such as "use a smaller kernel size". */
  extraFix?: string;
}

/** The spatial axes (between batch and channels) after the window slides over them. */
export function slideWindow(input: Shape, settings: WindowSettings): Shape {
  const { layer, sizeName, windows, strides, padding } = settings;
  const spatial = input.slice(1, -1);
  const output = spatial.map((dim, axis) =>
    windowLength(dim, windows[axis] ?? 1, strides[axis] ?? 1, padding),
  );
  if (output.some((dim) => dim !== null && dim < 1)) {
    const size = windows.length === 1 ? String(windows[0]) : `[${windows.join(",")}]`;
    const fixes = settings.extraFix ? `${settings.extraFix}, remove it` : "remove it";
    throw new LayerShapeError(
      `${layer} with ${sizeName} ${size} cannot shrink ${formatShape(input)} any further; ${fixes} or use padding 'same'.`,
    );
  }
  return output;
}

/** Checks the initializer and L1/L2 penalties every weight layer has. */
export function checkWeightParams(params: Params, layer: string): void {
  enumParam(params, "kernelInitializer", INITIALIZERS, layer);
  rangeParam(params, "l1", layer, 0, 1);
  rangeParam(params, "l2", layer, 0, 1);
}

export function trainable(count: number): ParamCount {
  return { trainable: count, nonTrainable: 0 };
}
