import { formatShape, LayerShapeError, type Shape } from "../shape";
import { NO_PARAMS, numberParam, type LayerDefinition } from "./common";

/** Merge layers join the outputs of several layers, in the order of the edges' `toIndex`. */

const MAX_MERGE_INPUTS = 8;

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((dim, axis) => dim === b[axis]);
}

function elementwise(
  type: "Add" | "Multiply",
  label: string,
  description: string,
): LayerDefinition {
  return {
    type,
    label,
    group: "Merge",
    description,
    params: [],
    minInputs: 2,
    maxInputs: MAX_MERGE_INPUTS,
    inferShape: (inputs) => {
      const [first, ...rest] = inputs;
      if (!first) throw new LayerShapeError(`${type} has no inputs; connect two or more layers.`);
      const other = rest.find((shape) => !sameShape(shape, first));
      if (other) {
        throw new LayerShapeError(
          `${type} needs inputs of equal shape: ${formatShape(first)} and ${formatShape(other)}. Give the branches the same number of units or filters, or use Concatenate.`,
        );
      }
      return first;
    },
    countParams: () => NO_PARAMS,
  };
}

export const add = elementwise(
  "Add",
  "Add",
  "Adds the outputs of two or more layers value by value, such as a shortcut (residual) link.",
);

export const multiply = elementwise(
  "Multiply",
  "Multiply",
  "Multiplies the outputs of two or more layers value by value, such as a learned gate.",
);

export const concatenate: LayerDefinition = {
  type: "Concatenate",
  label: "Concatenate",
  group: "Merge",
  description: "Joins the outputs of two or more layers side by side into one longer output.",
  params: [
    {
      name: "axis",
      label: "Axis",
      kind: "int",
      defaultValue: -1,
      min: -8,
      max: 8,
      help: "Which axis the inputs are joined along: -1 is the last one (features or channels), 1 the first after the batch.",
    },
  ],
  minInputs: 2,
  maxInputs: MAX_MERGE_INPUTS,
  inferShape: (inputs, params) => {
    const [first] = inputs;
    if (!first) throw new LayerShapeError("Concatenate has no inputs; connect two or more layers.");
    const axisParam = numberParam(params, "axis");
    const rank = first.length;
    const axis = axisParam < 0 ? rank + axisParam : axisParam;
    if (!Number.isInteger(axisParam) || axis < 1 || axis >= rank) {
      throw new LayerShapeError(
        `Concatenate axis ${axisParam} does not fit inputs of shape ${formatShape(first)}; use -1 (the last axis) or 1 to ${rank - 1} (0 is the batch).`,
      );
    }
    let joined: number | null = 0;
    for (const shape of inputs) {
      if (shape.length !== rank) {
        throw new LayerShapeError(
          `Concatenate needs inputs with the same number of dimensions: ${formatShape(first)} and ${formatShape(shape)}. Add a Reshape or Flatten to one branch.`,
        );
      }
      if (shape.some((dim, i) => i !== axis && i !== 0 && dim !== first[i])) {
        throw new LayerShapeError(
          `Concatenate joins along axis ${axisParam}, so the inputs must match on every other axis: ${formatShape(first)} and ${formatShape(shape)}. Change the axis or make the other sizes equal.`,
        );
      }
      const size = shape[axis] ?? null;
      joined = joined === null || size === null ? null : joined + size;
    }
    const output = [...first];
    output[axis] = joined;
    return output;
  },
  countParams: () => NO_PARAMS,
};
