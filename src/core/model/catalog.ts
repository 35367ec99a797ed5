import type { LayerType, ParamValue } from "./spec";
import { formatShape, LayerShapeError, type Shape } from "./shape";

/**
 * The layer catalog: for each layer type its parameters (with defaults and explanations), how it
 * infers its output shape and how many parameters it has. Free of tf.js: build.ts maps each type to
 * its tf.js layer, and a unit test checks both agree.
 */

export type ParamKind = "int" | "float" | "enum" | "bool" | "shape";

export interface ParamDefinition {
  name: string;
  label: string;
  kind: ParamKind;
  defaultValue: ParamValue;
  help: string;
  min?: number;
  max?: number;
  options?: readonly string[];
}

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

export type LayerGroup = "Input" | "Core" | "Regularization" | "Normalization";

export interface LayerDefinition {
  type: LayerType;
  label: string;
  group: LayerGroup;
  /** One line for the palette. */
  description: string;
  params: readonly ParamDefinition[];
  minInputs: number;
  maxInputs: number;
  /** Output shape from the input shapes; throws LayerShapeError with a message for a person. */
  inferShape(inputs: Shape[], params: Record<string, ParamValue>): Shape;
  countParams(inputs: Shape[], params: Record<string, ParamValue>): ParamCount;
}

export const ACTIVATIONS = [
  "linear",
  "relu",
  "elu",
  "selu",
  "gelu",
  "sigmoid",
  "tanh",
  "softmax",
  "swish",
  "softplus",
] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };

export function numberParam(params: Record<string, ParamValue>, name: string): number {
  const value = params[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LayerShapeError(`Parameter “${name}” must be a number.`);
  }
  return value;
}

function lastDim(shape: Shape, layer: string): number {
  const dim = shape[shape.length - 1];
  if (shape.length < 2 || dim === null || dim === undefined) {
    throw new LayerShapeError(
      `${layer} needs an input with a known last dimension, but receives ${formatShape(shape)}.`,
    );
  }
  return dim;
}

function single(inputs: Shape[]): Shape {
  const [first] = inputs;
  if (!first) throw new LayerShapeError("This layer has no input; connect a layer to it.");
  return first;
}

const inputLayer: LayerDefinition = {
  type: "InputLayer",
  label: "Input",
  group: "Input",
  description: "Where the data enters: one row of features (or one image).",
  params: [
    {
      name: "shape",
      label: "Shape",
      kind: "shape",
      defaultValue: [1],
      help: "The size of one example, without the batch: [features] for a table.",
    },
  ],
  minInputs: 0,
  maxInputs: 0,
  inferShape: (_inputs, params) => {
    const shape = params.shape;
    if (!Array.isArray(shape) || shape.length === 0 || shape.some((d) => !(d >= 1))) {
      throw new LayerShapeError("Input shape must list positive sizes, such as [4].");
    }
    return [null, ...shape.map((d) => Math.floor(d))];
  },
  countParams: () => NO_PARAMS,
};

const dense: LayerDefinition = {
  type: "Dense",
  label: "Dense",
  group: "Core",
  description: "Fully connected: every output is a weighted sum of all inputs.",
  params: [
    {
      name: "units",
      label: "Units",
      kind: "int",
      defaultValue: 32,
      min: 1,
      max: 65536,
      help: "How many outputs (neurons) the layer has. More can learn more, and overfit more.",
    },
    {
      name: "activation",
      label: "Activation",
      kind: "enum",
      defaultValue: "relu",
      options: ACTIVATIONS,
      help: "The function applied to each output. relu is a good default for hidden layers.",
    },
    {
      name: "useBias",
      label: "Use bias",
      kind: "bool",
      defaultValue: true,
      help: "Adds a learned offset to each output.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const units = numberParam(params, "units");
    if (!Number.isInteger(units) || units < 1) {
      throw new LayerShapeError("Dense units must be a whole number of at least 1.");
    }
    lastDim(input, "Dense");
    return [...input.slice(0, -1), units];
  },
  countParams: (inputs, params) => {
    const inputDim = lastDim(single(inputs), "Dense");
    const units = numberParam(params, "units");
    return {
      trainable: inputDim * units + (params.useBias === false ? 0 : units),
      nonTrainable: 0,
    };
  },
};

const activation: LayerDefinition = {
  type: "Activation",
  label: "Activation",
  group: "Core",
  description: "Applies a function such as relu or softmax to each value.",
  params: [
    {
      name: "activation",
      label: "Function",
      kind: "enum",
      defaultValue: "relu",
      options: ACTIVATIONS,
      help: "relu keeps positives; sigmoid and tanh squash; softmax turns scores into probabilities.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs) => single(inputs),
  countParams: () => NO_PARAMS,
};

const dropout: LayerDefinition = {
  type: "Dropout",
  label: "Dropout",
  group: "Regularization",
  description: "Randomly zeroes a share of values while training, to reduce overfitting.",
  params: [
    {
      name: "rate",
      label: "Rate",
      kind: "float",
      defaultValue: 0.2,
      min: 0,
      max: 0.95,
      help: "The share of values dropped at each training step (0 to 0.95).",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const rate = numberParam(params, "rate");
    if (rate < 0 || rate >= 1) throw new LayerShapeError("Dropout rate must be between 0 and 1.");
    return single(inputs);
  },
  countParams: () => NO_PARAMS,
};

const batchNormalization: LayerDefinition = {
  type: "BatchNormalization",
  label: "Batch normalization",
  group: "Normalization",
  description: "Re-centres and re-scales values batch by batch; often speeds up training.",
  params: [
    {
      name: "momentum",
      label: "Momentum",
      kind: "float",
      defaultValue: 0.99,
      min: 0,
      max: 1,
      help: "How slowly the running mean and variance used at prediction time move.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs) => {
    const input = single(inputs);
    lastDim(input, "BatchNormalization");
    return input;
  },
  countParams: (inputs) => {
    const channels = lastDim(single(inputs), "BatchNormalization");
    return { trainable: 2 * channels, nonTrainable: 2 * channels };
  },
};

export const LAYER_CATALOG: Readonly<Record<LayerType, LayerDefinition>> = {
  InputLayer: inputLayer,
  Dense: dense,
  Activation: activation,
  Dropout: dropout,
  BatchNormalization: batchNormalization,
};

/** The parameters of a new layer of this type, from the catalog's defaults. */
export function defaultParams(type: LayerType): Record<string, ParamValue> {
  const params: Record<string, ParamValue> = {};
  for (const param of LAYER_CATALOG[type].params) params[param.name] = param.defaultValue;
  return params;
}
