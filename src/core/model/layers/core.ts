import { formatShape, LayerShapeError } from "../shape";
import {
  ACTIVATIONS,
  activationParam,
  enumParam,
  initializerParam,
  NO_PARAMS,
  numberParam,
  rangeParam,
  regularizerParams,
  unitsParam,
  USE_BIAS_PARAM,
  wholeParam,
  flagParam,
  type LayerDefinition,
} from "./common";
import { checkWeightParams, lastDim, single, trainable } from "./geometry";

/** Input, Dense, Embedding, the activation layers and Dropout. */

export const inputLayer: LayerDefinition = {
  type: "InputLayer",
  label: "Input",
  group: "Input",
  description: "Where the data enters: one row of features, one image or one sequence.",
  params: [
    {
      name: "shape",
      label: "Shape",
      kind: "shape",
      defaultValue: [1],
      min: 1,
      help: "The size of one example, without the batch: [features] for a table, [height,width,channels] for an image, [length] for token ids.",
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

export const dense: LayerDefinition = {
  type: "Dense",
  label: "Dense",
  group: "Core",
  description: "Fully connected: every output is a weighted sum of all inputs.",
  params: [
    unitsParam("How many outputs (neurons) the layer has. More can learn more, and overfit more."),
    activationParam("relu"),
    USE_BIAS_PARAM,
    initializerParam(),
    ...regularizerParams(),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const units = wholeParam(params, "units", "Dense");
    enumParam(params, "activation", ACTIVATIONS, "Dense");
    checkWeightParams(params, "Dense");
    lastDim(input, "Dense");
    return [...input.slice(0, -1), units];
  },
  countParams: (inputs, params) => {
    const inputDim = lastDim(single(inputs), "Dense");
    const units = wholeParam(params, "units", "Dense");
    return trainable(inputDim * units + (flagParam(params, "useBias") ? units : 0));
  },
};

export const embedding: LayerDefinition = {
  type: "Embedding",
  label: "Embedding",
  group: "Core",
  description: "Turns word or category ids into learned vectors; the usual first layer for text.",
  params: [
    {
      name: "inputDim",
      label: "Vocabulary size",
      kind: "int",
      defaultValue: 1000,
      min: 1,
      max: 1_000_000,
      help: "How many different ids there are; every id must be below this number.",
    },
    {
      name: "outputDim",
      label: "Vector size",
      kind: "int",
      defaultValue: 16,
      min: 1,
      max: 4096,
      help: "How many numbers describe each id. 8 to 64 is typical.",
    },
    initializerParam("randomUniform", "vectors"),
    ...regularizerParams("vector values"),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    wholeParam(params, "inputDim", "Embedding");
    const outputDim = wholeParam(params, "outputDim", "Embedding");
    checkWeightParams(params, "Embedding");
    if (input.length !== 2) {
      throw new LayerShapeError(
        `Embedding needs an input of token ids, [length] per example, but receives ${formatShape(input)}; connect it to an Input of shape [length] holding whole-number ids, or add a Flatten above it.`,
      );
    }
    return [...input, outputDim];
  },
  countParams: (_inputs, params) =>
    trainable(
      wholeParam(params, "inputDim", "Embedding") * wholeParam(params, "outputDim", "Embedding"),
    ),
};

export const activation: LayerDefinition = {
  type: "Activation",
  label: "Activation",
  group: "Activation",
  description: "Applies a function such as relu or softmax to each value.",
  params: [
    activationParam(
      "relu",
      "relu keeps positives; sigmoid and tanh squash; softmax turns scores into probabilities.",
    ),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    enumParam(params, "activation", ACTIVATIONS, "Activation");
    return single(inputs);
  },
  countParams: () => NO_PARAMS,
};

export const leakyReLU: LayerDefinition = {
  type: "LeakyReLU",
  label: "Leaky ReLU",
  group: "Activation",
  description:
    "Like relu, but lets a small part of negative values through so no unit goes silent.",
  params: [
    {
      name: "alpha",
      label: "Negative slope",
      kind: "float",
      defaultValue: 0.3,
      min: 0,
      max: 1,
      help: "What negative values are multiplied by (0 would be plain relu). 0.01 to 0.3 is usual.",
    },
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    rangeParam(params, "alpha", "LeakyReLU", 0, 1);
    return single(inputs);
  },
  countParams: () => NO_PARAMS,
};

export const dropout: LayerDefinition = {
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
