import { ACTIVATIONS, defaultParams } from "../model/catalog";
import type { LayerType, ParamValue } from "../model/spec";

/**
 * One Keras layer (as tf.js writes it in model.json: `{class_name, config}` with snake_case keys)
 * mapped onto a catalog layer: its type and parameters, or the reason it does not map.
 */

export interface KerasLayerJson {
  class_name: string;
  config: Record<string, unknown>;
}

export type MappedLayer =
  { ok: true; type: LayerType; params: Record<string, ParamValue> } | { ok: false; reason: string };

const pair = (value: unknown, fallback: [number, number]): [number, number] => {
  if (Array.isArray(value) && value.length === 2) return [Number(value[0]), Number(value[1])];
  if (typeof value === "number") return [value, value];
  return fallback;
};

const isOnes = (value: unknown) =>
  value === undefined || value === null || pair(value, [1, 1]).every((v) => v === 1);

function activationOf(value: unknown): ParamValue | { reason: string } {
  const name = value === undefined || value === null ? "linear" : String(value);
  return (ACTIVATIONS as readonly string[]).includes(name)
    ? name
    : { reason: `activation “${name}” is not one the studio has` };
}

function withActivation(
  type: LayerType,
  params: Record<string, ParamValue>,
  activation: unknown,
): MappedLayer {
  const mapped = activationOf(activation);
  if (typeof mapped === "object" && mapped !== null && "reason" in mapped)
    return { ok: false, reason: mapped.reason };
  return { ok: true, type, params: { ...defaultParams(type), ...params, activation: mapped } };
}

function plain(type: LayerType, params: Record<string, ParamValue> = {}): MappedLayer {
  return { ok: true, type, params: { ...defaultParams(type), ...params } };
}

/** The catalog layer a Keras layer maps onto, or why it cannot. */
export function mapKerasLayer(layer: KerasLayerJson): MappedLayer {
  const c = layer.config;
  if (c.data_format !== undefined && c.data_format !== "channels_last")
    return { ok: false, reason: "it is channels_first" };
  const padding = c.padding === "same" ? "same" : "valid";
  switch (layer.class_name) {
    case "InputLayer": {
      const shape = (c.batch_input_shape ?? c.batch_shape) as unknown;
      if (!Array.isArray(shape)) return { ok: false, reason: "it has no input shape" };
      return plain("InputLayer", { shape: shape.slice(1).map(Number) });
    }
    case "Conv2D":
    case "SeparableConv2D":
    case "DepthwiseConv2D": {
      if (!isOnes(c.dilation_rate)) return { ok: false, reason: "it is dilated" };
      const params: Record<string, ParamValue> = {
        kernelSize: pair(c.kernel_size, [3, 3]),
        strides: pair(c.strides, [1, 1]),
        padding,
        useBias: c.use_bias !== false,
      };
      if (layer.class_name !== "DepthwiseConv2D") params.filters = Number(c.filters);
      if (layer.class_name !== "Conv2D") params.depthMultiplier = Number(c.depth_multiplier ?? 1);
      return withActivation(layer.class_name, params, c.activation);
    }
    case "Dense":
      return withActivation(
        "Dense",
        { units: Number(c.units), useBias: c.use_bias !== false },
        c.activation,
      );
    case "Activation":
      return withActivation("Activation", {}, c.activation);
    case "ReLU":
      if (c.max_value !== undefined && c.max_value !== null)
        return { ok: false, reason: `it caps at ${String(c.max_value)} (ReLU6)` };
      return withActivation("Activation", {}, "relu");
    case "LeakyReLU":
      return plain("LeakyReLU", { alpha: Number(c.alpha ?? 0.3) });
    case "Dropout":
      return plain("Dropout", { rate: Number(c.rate ?? 0) });
    case "BatchNormalization": {
      const axis = Array.isArray(c.axis) ? c.axis[0] : c.axis;
      if (axis !== undefined && axis !== -1 && axis !== 3)
        return { ok: false, reason: "it normalises another axis than the channels" };
      if (c.center === false || c.scale === false)
        return { ok: false, reason: "it has no centre or scale" };
      return plain("BatchNormalization", {
        momentum: Number(c.momentum ?? 0.99),
        epsilon: Number(c.epsilon ?? 1e-3),
      });
    }
    case "MaxPooling2D":
    case "AveragePooling2D": {
      const poolSize = pair(c.pool_size, [2, 2]);
      return plain(layer.class_name, {
        poolSize,
        strides: c.strides === null || c.strides === undefined ? null : pair(c.strides, poolSize),
        padding,
      });
    }
    case "GlobalAveragePooling2D":
    case "GlobalMaxPooling2D":
    case "Flatten":
    case "Add":
    case "Multiply":
      if (c.keepdims === true) return { ok: false, reason: "it keeps the pooled dimensions" };
      return plain(layer.class_name);
    case "Concatenate":
      return plain("Concatenate", { axis: Number(c.axis ?? -1) });
    case "Reshape":
      return plain("Reshape", { targetShape: (c.target_shape as number[]).map(Number) });
    default:
      return { ok: false, reason: "the studio has no such layer" };
  }
}

/** The weight names tf.js gives a catalog layer, in order (suffixes after `<layer>/`). */
export function weightSuffixes(type: LayerType, params: Record<string, ParamValue>): string[] {
  const bias = params.useBias === false ? [] : ["bias"];
  switch (type) {
    case "Conv2D":
    case "Dense":
      return ["kernel", ...bias];
    case "SeparableConv2D":
      return ["depthwise_kernel", "pointwise_kernel", ...bias];
    case "DepthwiseConv2D":
      return ["depthwise_kernel", ...bias];
    case "BatchNormalization":
      return ["gamma", "beta", "moving_mean", "moving_variance"];
    default:
      return [];
  }
}
