import { rangeParam, type LayerDefinition, type ParamDefinition, type Params } from "./common";
import { lastDim, single, trainable } from "./geometry";

/** BatchNormalization and LayerNormalization: both learn a scale and an offset per channel. */

function epsilonParam(): ParamDefinition {
  return {
    name: "epsilon",
    label: "Epsilon",
    kind: "float",
    defaultValue: 0.001,
    min: 0,
    max: 1,
    help: "A small number added to the variance so that nothing is divided by zero.",
  };
}

function checkEpsilon(params: Params, layer: string): void {
  rangeParam(params, "epsilon", layer, 0, 1);
}

export const batchNormalization: LayerDefinition = {
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
    epsilonParam(),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    rangeParam(params, "momentum", "BatchNormalization", 0, 1);
    checkEpsilon(params, "BatchNormalization");
    lastDim(input, "BatchNormalization");
    return input;
  },
  countParams: (inputs) => {
    // A scale and an offset are learned; the running mean and variance are only tracked.
    const channels = lastDim(single(inputs), "BatchNormalization");
    return { trainable: 2 * channels, nonTrainable: 2 * channels };
  },
};

export const layerNormalization: LayerDefinition = {
  type: "LayerNormalization",
  label: "Layer normalization",
  group: "Normalization",
  description:
    "Re-centres and re-scales each example on its own; steadies deep and recurrent networks.",
  params: [epsilonParam()],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    checkEpsilon(params, "LayerNormalization");
    lastDim(input, "LayerNormalization");
    return input;
  },
  countParams: (inputs) => trainable(2 * lastDim(single(inputs), "LayerNormalization")),
};
