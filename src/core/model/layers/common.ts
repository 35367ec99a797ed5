import type { LayerType, ParamValue } from "../spec";
import { LayerShapeError, type Shape } from "../shape";

/**
 * What every catalog entry is made of, and the small readers and parameter definitions the layer
 * files share. Free of tf.js: the page imports the catalog.
 */

/**
 * How the editor shows a parameter. `shape`: a list of whole numbers of any length (min/max apply to
 * each element); `pair`: exactly two whole numbers, such as a 2-D kernel size `[3,3]`.
 */
export type ParamKind = "int" | "float" | "enum" | "bool" | "shape" | "pair";

export interface ParamDefinition {
  name: string;
  label: string;
  kind: ParamKind;
  defaultValue: ParamValue;
  help: string;
  min?: number;
  max?: number;
  options?: readonly string[];
  /** `null` is allowed and means what `help` says (such as "same as the pool size"). */
  nullable?: boolean;
}

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

export type LayerGroup =
  | "Input"
  | "Core"
  | "Activation"
  | "Convolution"
  | "Pooling"
  | "Recurrent"
  | "Normalization"
  | "Regularization"
  | "Merge"
  | "Reshape";

export type Params = Record<string, ParamValue>;

export interface LayerDefinition {
  type: LayerType;
  label: string;
  group: LayerGroup;
  /** One line for the palette. */
  description: string;
  params: readonly ParamDefinition[];
  minInputs: number;
  maxInputs: number;
  /**
   * Output shape from the input shapes (ordered by the edges' `toIndex`); throws LayerShapeError
   * with a message for a person. Parameters missing from `params` take the catalog's defaults.
   */
  inferShape(inputs: Shape[], params: Params): Shape;
  countParams(inputs: Shape[], params: Params): ParamCount;
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

/** Weight initialisers, by their tf.js `tf.initializers` function name. */
export const INITIALIZERS = [
  "glorotUniform",
  "glorotNormal",
  "heUniform",
  "heNormal",
  "leCunUniform",
  "leCunNormal",
  "randomUniform",
  "randomNormal",
  "truncatedNormal",
  "zeros",
  "ones",
] as const;
export type InitializerName = (typeof INITIALIZERS)[number];

export const PADDINGS = ["valid", "same"] as const;
export type Padding = (typeof PADDINGS)[number];

export const NO_PARAMS: ParamCount = { trainable: 0, nonTrainable: 0 };

/** "kernelSize" → "kernel size", for messages. */
function words(name: string): string {
  return name.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

export function numberParam(params: Params, name: string): number {
  const value = params[name];
  if (typeof value !== "number" || !Number.isFinite(value)) {
    throw new LayerShapeError(`Parameter “${name}” must be a number.`);
  }
  return value;
}

export function wholeParam(params: Params, name: string, layer: string, min = 1): number {
  const value = numberParam(params, name);
  if (!Number.isInteger(value) || value < min) {
    throw new LayerShapeError(`${layer} ${words(name)} must be a whole number of at least ${min}.`);
  }
  return value;
}

export function rangeParam(
  params: Params,
  name: string,
  layer: string,
  min: number,
  max: number,
): number {
  const value = numberParam(params, name);
  if (value < min || value > max) {
    throw new LayerShapeError(`${layer} ${words(name)} must be between ${min} and ${max}.`);
  }
  return value;
}

/** A 1-D size that may be null (pooling strides: null means "same as the pool size"). */
export function optionalWholeParam(params: Params, name: string, layer: string): number | null {
  return params[name] === null ? null : wholeParam(params, name, layer);
}

export function pairParam(params: Params, name: string, layer: string): [number, number] {
  const value = params[name];
  if (
    !Array.isArray(value) ||
    value.length !== 2 ||
    value.some((size) => !Number.isInteger(size) || size < 1)
  ) {
    throw new LayerShapeError(
      `${layer} ${words(name)} must be two whole numbers of at least 1, such as [2,2].`,
    );
  }
  return [value[0] as number, value[1] as number];
}

export function optionalPairParam(
  params: Params,
  name: string,
  layer: string,
): [number, number] | null {
  return params[name] === null ? null : pairParam(params, name, layer);
}

export function enumParam<T extends string>(
  params: Params,
  name: string,
  options: readonly T[],
  layer: string,
): T {
  const value = params[name];
  const match = options.find((option) => option === value);
  if (match === undefined) {
    throw new LayerShapeError(`${layer} ${words(name)} must be one of ${options.join(", ")}.`);
  }
  return match;
}

export function flagParam(params: Params, name: string): boolean {
  return params[name] === true;
}

/** The parameters with the definition's defaults filled in where missing. */
export function withDefaults(definitions: readonly ParamDefinition[], params: Params): Params {
  const filled: Params = {};
  for (const param of definitions) {
    const value = param.defaultValue;
    filled[param.name] = Array.isArray(value) ? [...value] : value;
  }
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) filled[name] = value;
  }
  return filled;
}

// Parameter definitions shared by several layers.

export function activationParam(defaultValue: ActivationName, help?: string): ParamDefinition {
  return {
    name: "activation",
    label: "Activation",
    kind: "enum",
    defaultValue,
    options: ACTIVATIONS,
    help:
      help ??
      "The function applied to each output. relu is a good default for hidden layers; linear applies none.",
  };
}

export function unitsParam(help: string, defaultValue = 32): ParamDefinition {
  return {
    name: "units",
    label: "Units",
    kind: "int",
    defaultValue,
    min: 1,
    max: 65536,
    help,
  };
}

export const USE_BIAS_PARAM: ParamDefinition = {
  name: "useBias",
  label: "Use bias",
  kind: "bool",
  defaultValue: true,
  help: "Adds a learned offset to each output.",
};

export function paddingParam(defaultValue: Padding = "valid"): ParamDefinition {
  return {
    name: "padding",
    label: "Padding",
    kind: "enum",
    defaultValue,
    options: PADDINGS,
    help: "valid: only where the window fits, so the output shrinks. same: pads the edges so that (with stride 1) the size stays.",
  };
}

export function initializerParam(
  defaultValue: InitializerName = "glorotUniform",
  weights = "weights",
): ParamDefinition {
  return {
    name: "kernelInitializer",
    label: "Initializer",
    kind: "enum",
    defaultValue,
    options: INITIALIZERS,
    help: `How the ${weights} start before training. glorotUniform suits most layers; heNormal suits relu.`,
  };
}

/** L1 and L2 penalties on the layer's main weights (`weights` names them for the help text). */
export function regularizerParams(weights = "weights"): ParamDefinition[] {
  return [
    {
      name: "l1",
      label: "L1 penalty",
      kind: "float",
      defaultValue: 0,
      min: 0,
      max: 1,
      help: `Adds this × the sum of |${weights}| to the loss, pushing many to exactly zero. 0 = off; try 0.0001.`,
    },
    {
      name: "l2",
      label: "L2 penalty",
      kind: "float",
      defaultValue: 0,
      min: 0,
      max: 1,
      help: `Adds this × the sum of squared ${weights} to the loss, keeping them small against overfitting. 0 = off; try 0.0001.`,
    },
  ];
}
