import {
  enumParam,
  NO_PARAMS,
  optionalPairParam,
  optionalWholeParam,
  PADDINGS,
  paddingParam,
  pairParam,
  wholeParam,
  type LayerDefinition,
  type ParamDefinition,
} from "./common";
import {
  IMAGE_LAYOUT,
  lastDim,
  requireRank,
  SEQUENCE_LAYOUT,
  single,
  slideWindow,
} from "./geometry";
import type { LayerType } from "../spec";

/** Pooling: summarises each window (or the whole input) by its largest or average value. */

const POOL_2D_PARAMS: readonly ParamDefinition[] = [
  {
    name: "poolSize",
    label: "Pool size",
    kind: "pair",
    defaultValue: [2, 2],
    min: 1,
    max: 64,
    help: "The window summarised into one value, as [rows, columns]. [2,2] halves height and width.",
  },
  {
    name: "strides",
    label: "Strides",
    kind: "pair",
    defaultValue: null,
    nullable: true,
    min: 1,
    max: 64,
    help: "How far the window moves each step, as [rows, columns]. Empty: the same as the pool size, so windows do not overlap.",
  },
  paddingParam(),
];

function pooling2D(
  type: "MaxPooling2D" | "AveragePooling2D",
  label: string,
  description: string,
): LayerDefinition {
  return {
    type,
    label,
    group: "Pooling",
    description,
    params: POOL_2D_PARAMS,
    minInputs: 1,
    maxInputs: 1,
    inferShape: (inputs, params) => {
      const input = single(inputs);
      const poolSize = pairParam(params, "poolSize", type);
      const strides = optionalPairParam(params, "strides", type) ?? poolSize;
      const padding = enumParam(params, "padding", PADDINGS, type);
      requireRank(input, type, 4, IMAGE_LAYOUT);
      const spatial = slideWindow(input, {
        layer: type,
        sizeName: "pool size",
        windows: poolSize,
        strides,
        padding,
      });
      return [input[0] ?? null, ...spatial, lastDim(input, type)];
    },
    countParams: () => NO_PARAMS,
  };
}

export const maxPooling2D = pooling2D(
  "MaxPooling2D",
  "Max pooling 2D",
  "Shrinks an image by keeping the largest value of each small window.",
);

export const averagePooling2D = pooling2D(
  "AveragePooling2D",
  "Average pooling 2D",
  "Shrinks an image by averaging each small window.",
);

export const maxPooling1D: LayerDefinition = {
  type: "MaxPooling1D",
  label: "Max pooling 1D",
  group: "Pooling",
  description: "Shortens a sequence by keeping the largest value of each few steps.",
  params: [
    {
      name: "poolSize",
      label: "Pool size",
      kind: "int",
      defaultValue: 2,
      min: 1,
      max: 1024,
      help: "How many neighbouring steps are summarised into one. 2 halves the length.",
    },
    {
      name: "strides",
      label: "Stride",
      kind: "int",
      defaultValue: null,
      nullable: true,
      min: 1,
      max: 1024,
      help: "How many steps the window moves each time. Empty: the same as the pool size.",
    },
    paddingParam(),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const input = single(inputs);
    const poolSize = wholeParam(params, "poolSize", "MaxPooling1D");
    const stride = optionalWholeParam(params, "strides", "MaxPooling1D") ?? poolSize;
    const padding = enumParam(params, "padding", PADDINGS, "MaxPooling1D");
    requireRank(input, "MaxPooling1D", 3, SEQUENCE_LAYOUT);
    const [steps = null] = slideWindow(input, {
      layer: "MaxPooling1D",
      sizeName: "pool size",
      windows: [poolSize],
      strides: [stride],
      padding,
    });
    return [input[0] ?? null, steps, lastDim(input, "MaxPooling1D")];
  },
  countParams: () => NO_PARAMS,
};

function globalPooling(
  type: Extract<LayerType, `Global${string}`>,
  label: string,
  description: string,
): LayerDefinition {
  const rank = type.endsWith("1D") ? 3 : 4;
  return {
    type,
    label,
    group: "Pooling",
    description,
    params: [],
    minInputs: 1,
    maxInputs: 1,
    inferShape: (inputs) => {
      const input = single(inputs);
      requireRank(input, type, rank, rank === 3 ? SEQUENCE_LAYOUT : IMAGE_LAYOUT);
      return [input[0] ?? null, lastDim(input, type)];
    },
    countParams: () => NO_PARAMS,
  };
}

export const globalAveragePooling1D = globalPooling(
  "GlobalAveragePooling1D",
  "Global average pooling 1D",
  "Averages each channel over the whole sequence: one value per channel.",
);

export const globalAveragePooling2D = globalPooling(
  "GlobalAveragePooling2D",
  "Global average pooling 2D",
  "Averages each channel over the whole image: one value per channel, ready for Dense.",
);

export const globalMaxPooling2D = globalPooling(
  "GlobalMaxPooling2D",
  "Global max pooling 2D",
  "Keeps the largest value of each channel over the whole image: one value per channel.",
);
