import { featureSize, formatShape, LayerShapeError } from "../shape";
import { enumParam, NO_PARAMS, pairParam, type LayerDefinition, type Params } from "./common";
import { IMAGE_LAYOUT, lastDim, requireRank, single } from "./geometry";

/** Flatten, Reshape and UpSampling2D: they move or repeat values and learn nothing. */

export const flatten: LayerDefinition = {
  type: "Flatten",
  label: "Flatten",
  group: "Reshape",
  description: "Lays all values of an example out in one long row, such as an image before Dense.",
  params: [],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs) => {
    const input = single(inputs);
    const size = featureSize(input);
    if (size === null) {
      throw new LayerShapeError(
        `Flatten needs an input whose sizes are all known, but receives ${formatShape(input)}.`,
      );
    }
    return [input[0] ?? null, size];
  },
  countParams: () => NO_PARAMS,
};

/** The target shape with its -1 (if any) worked out, or a message saying how to fix it. */
function resolveTarget(params: Params, input: Array<number | null>): number[] {
  const target = params.targetShape;
  if (
    !Array.isArray(target) ||
    target.length === 0 ||
    target.some((size) => !Number.isInteger(size) || (size < 1 && size !== -1))
  ) {
    throw new LayerShapeError(
      "Reshape target shape must list whole sizes of at least 1 (one of them may be -1), such as [8,8,1].",
    );
  }
  if (target.filter((size) => size === -1).length > 1) {
    throw new LayerShapeError(
      `Reshape target shape ${formatShape(target)} may hold only one -1 (the size to work out).`,
    );
  }
  const values = featureSize(input);
  if (values === null) {
    throw new LayerShapeError(
      `Reshape needs an input whose sizes are all known, but receives ${formatShape(input)}.`,
    );
  }
  const known = target.reduce((product, size) => (size === -1 ? product : product * size), 1);
  const received = `receives ${formatShape(input)} (${values} values)`;
  if (!target.includes(-1)) {
    if (known !== values) {
      throw new LayerShapeError(
        `Reshape to ${formatShape(target)} needs ${known} values per example, but ${received}. Make the target shape's sizes multiply to ${values}.`,
      );
    }
    return target;
  }
  if (values % known !== 0) {
    throw new LayerShapeError(
      `Reshape to ${formatShape(target)} needs a multiple of ${known} values per example, but ${received}. Make the sizes other than -1 multiply to a divisor of ${values}.`,
    );
  }
  return target.map((size) => (size === -1 ? values / known : size));
}

export const reshape: LayerDefinition = {
  type: "Reshape",
  label: "Reshape",
  group: "Reshape",
  description: "Rearranges the values of an example into a new shape, such as a row into an image.",
  params: [
    {
      name: "targetShape",
      label: "Target shape",
      kind: "shape",
      defaultValue: [-1, 1],
      min: -1,
      help: "The new size of one example, without the batch; the sizes must multiply to the input's number of values. One size may be -1: it is worked out.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    return [input[0] ?? null, ...resolveTarget(params, input)];
  },
  countParams: () => NO_PARAMS,
};

export const INTERPOLATIONS = ["nearest", "bilinear"] as const;

export const upSampling2D: LayerDefinition = {
  type: "UpSampling2D",
  label: "Up-sampling 2D",
  group: "Reshape",
  description: "Enlarges an image by repeating (or blending) its pixels; the opposite of pooling.",
  params: [
    {
      name: "size",
      label: "Factor",
      kind: "pair",
      defaultValue: [2, 2],
      min: 1,
      max: 64,
      help: "How many times taller and wider the image becomes, as [rows, columns].",
    },
    {
      name: "interpolation",
      label: "Interpolation",
      kind: "enum",
      defaultValue: "nearest",
      options: INTERPOLATIONS,
      help: "nearest repeats each pixel; bilinear blends neighbouring pixels for smoother results.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const [rows, columns] = pairParam(params, "size", "UpSampling2D");
    enumParam(params, "interpolation", INTERPOLATIONS, "UpSampling2D");
    requireRank(input, "UpSampling2D", 4, IMAGE_LAYOUT);
    const [batch = null, height = null, width = null] = input;
    return [
      batch,
      height === null ? null : height * rows,
      width === null ? null : width * columns,
      lastDim(input, "UpSampling2D"),
    ];
  },
  countParams: () => NO_PARAMS,
};
