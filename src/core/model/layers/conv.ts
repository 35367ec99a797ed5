import {
  ACTIVATIONS,
  activationParam,
  enumParam,
  flagParam,
  initializerParam,
  PADDINGS,
  paddingParam,
  pairParam,
  regularizerParams,
  USE_BIAS_PARAM,
  wholeParam,
  type LayerDefinition,
  type ParamDefinition,
  type Params,
} from "./common";
import {
  checkWeightParams,
  IMAGE_LAYOUT,
  lastDim,
  requireRank,
  SEQUENCE_LAYOUT,
  single,
  slideWindow,
  trainable,
} from "./geometry";
import type { Shape } from "../shape";

/** Convolutions: small learned filters slid over a sequence (1D) or an image (2D). */

const FILTERS_PARAM: ParamDefinition = {
  name: "filters",
  label: "Filters",
  kind: "int",
  defaultValue: 32,
  min: 1,
  max: 4096,
  help: "How many different patterns the layer learns to detect; each gives one output channel.",
};

const DEPTH_MULTIPLIER_PARAM: ParamDefinition = {
  name: "depthMultiplier",
  label: "Depth multiplier",
  kind: "int",
  defaultValue: 1,
  min: 1,
  max: 64,
  help: "How many filters each input channel gets on its own. 1 keeps the number of channels.",
};

const KERNEL_2D_PARAM: ParamDefinition = {
  name: "kernelSize",
  label: "Kernel size",
  kind: "pair",
  defaultValue: [3, 3],
  min: 1,
  max: 64,
  help: "The size of each filter's window, as [rows, columns]. [3,3] is the usual choice.",
};

const STRIDES_2D_PARAM: ParamDefinition = {
  name: "strides",
  label: "Strides",
  kind: "pair",
  defaultValue: [1, 1],
  min: 1,
  max: 64,
  help: "How far the window moves each step, as [rows, columns]. [2,2] halves the image's size.",
};

const WEIGHT_PARAMS: readonly ParamDefinition[] = [
  activationParam("relu"),
  USE_BIAS_PARAM,
  initializerParam("glorotUniform", "filter weights"),
  ...regularizerParams("filter weights"),
];

function checkCommon(params: Params, layer: string): void {
  enumParam(params, "activation", ACTIVATIONS, layer);
  checkWeightParams(params, layer);
}

function bias(params: Params, channels: number): number {
  return flagParam(params, "useBias") ? channels : 0;
}

/** The output of a 2D window layer: checks rank, parameters, and that the image does not vanish. */
function conv2DShape(input: Shape, params: Params, layer: string, channels: number): Shape {
  const kernel = pairParam(params, "kernelSize", layer);
  const strides = pairParam(params, "strides", layer);
  const padding = enumParam(params, "padding", PADDINGS, layer);
  checkCommon(params, layer);
  requireRank(input, layer, 4, IMAGE_LAYOUT);
  const spatial = slideWindow(input, {
    layer,
    sizeName: "kernel size",
    windows: kernel,
    strides,
    padding,
    extraFix: "use a smaller kernel size",
  });
  return [input[0] ?? null, ...spatial, channels];
}

function kernelArea(params: Params, layer: string): number {
  const [rows, columns] = pairParam(params, "kernelSize", layer);
  return rows * columns;
}

export const conv1D: LayerDefinition = {
  type: "Conv1D",
  label: "Conv 1D",
  group: "Convolution",
  description: "Slides learned filters along a sequence to find local patterns (signals, text).",
  params: [
    FILTERS_PARAM,
    {
      name: "kernelSize",
      label: "Kernel size",
      kind: "int",
      defaultValue: 3,
      min: 1,
      max: 1024,
      help: "How many neighbouring steps each filter looks at.",
    },
    {
      name: "strides",
      label: "Stride",
      kind: "int",
      defaultValue: 1,
      min: 1,
      max: 1024,
      help: "How many steps the window moves each time. 2 halves the sequence's length.",
    },
    paddingParam(),
    ...WEIGHT_PARAMS,
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const filters = wholeParam(params, "filters", "Conv1D");
    const kernel = wholeParam(params, "kernelSize", "Conv1D");
    const stride = wholeParam(params, "strides", "Conv1D");
    const padding = enumParam(params, "padding", PADDINGS, "Conv1D");
    checkCommon(params, "Conv1D");
    requireRank(input, "Conv1D", 3, SEQUENCE_LAYOUT, "or remove a Flatten above it");
    lastDim(input, "Conv1D");
    const [steps = null] = slideWindow(input, {
      layer: "Conv1D",
      sizeName: "kernel size",
      windows: [kernel],
      strides: [stride],
      padding,
      extraFix: "use a smaller kernel size",
    });
    return [input[0] ?? null, steps, filters];
  },
  countParams: (inputs, params) => {
    const channels = lastDim(single(inputs), "Conv1D");
    const filters = wholeParam(params, "filters", "Conv1D");
    const kernel = wholeParam(params, "kernelSize", "Conv1D");
    return trainable(kernel * channels * filters + bias(params, filters));
  },
};

export const conv2D: LayerDefinition = {
  type: "Conv2D",
  label: "Conv 2D",
  group: "Convolution",
  description: "Slides learned filters over an image to find local patterns such as edges.",
  params: [FILTERS_PARAM, KERNEL_2D_PARAM, STRIDES_2D_PARAM, paddingParam(), ...WEIGHT_PARAMS],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) =>
    conv2DShape(single(inputs), params, "Conv2D", wholeParam(params, "filters", "Conv2D")),
  countParams: (inputs, params) => {
    const channels = lastDim(single(inputs), "Conv2D");
    const filters = wholeParam(params, "filters", "Conv2D");
    return trainable(kernelArea(params, "Conv2D") * channels * filters + bias(params, filters));
  },
};

export const separableConv2D: LayerDefinition = {
  type: "SeparableConv2D",
  label: "Separable conv 2D",
  group: "Convolution",
  description:
    "A lighter Conv 2D: filters each channel on its own, then mixes channels; far fewer weights.",
  params: [
    FILTERS_PARAM,
    KERNEL_2D_PARAM,
    STRIDES_2D_PARAM,
    paddingParam(),
    DEPTH_MULTIPLIER_PARAM,
    ...WEIGHT_PARAMS,
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    wholeParam(params, "depthMultiplier", "SeparableConv2D");
    const filters = wholeParam(params, "filters", "SeparableConv2D");
    return conv2DShape(single(inputs), params, "SeparableConv2D", filters);
  },
  countParams: (inputs, params) => {
    const channels = lastDim(single(inputs), "SeparableConv2D");
    const filters = wholeParam(params, "filters", "SeparableConv2D");
    const depth = channels * wholeParam(params, "depthMultiplier", "SeparableConv2D");
    const depthwise = kernelArea(params, "SeparableConv2D") * depth;
    return trainable(depthwise + depth * filters + bias(params, filters));
  },
};

export const depthwiseConv2D: LayerDefinition = {
  type: "DepthwiseConv2D",
  label: "Depthwise conv 2D",
  group: "Convolution",
  description: "Filters each channel of an image on its own, without mixing channels.",
  params: [
    KERNEL_2D_PARAM,
    STRIDES_2D_PARAM,
    paddingParam(),
    DEPTH_MULTIPLIER_PARAM,
    ...WEIGHT_PARAMS,
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const multiplier = wholeParam(params, "depthMultiplier", "DepthwiseConv2D");
    requireRank(input, "DepthwiseConv2D", 4, IMAGE_LAYOUT);
    const channels = lastDim(input, "DepthwiseConv2D") * multiplier;
    return conv2DShape(input, params, "DepthwiseConv2D", channels);
  },
  countParams: (inputs, params) => {
    const channels = lastDim(single(inputs), "DepthwiseConv2D");
    const depth = channels * wholeParam(params, "depthMultiplier", "DepthwiseConv2D");
    return trainable(kernelArea(params, "DepthwiseConv2D") * depth + bias(params, depth));
  },
};
