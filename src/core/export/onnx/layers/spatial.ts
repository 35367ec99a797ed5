import { int, ints, str } from "../graph";
import { applyActivation } from "../activations";
import { firstInput, inputShape, type LayerContext, type LayerWriter } from "./context";
import { activationOf, addBias } from "./core";

/**
 * Convolutions, pooling and up-sampling. tf.js works channels-last (NHWC, NWC); ONNX's Conv, pools
 * and Resize work channels-first, so each of these layers transposes its input to NCHW, runs, and
 * transposes back: the graph's tensors stay in tf.js's layout (Flatten then sees NHWC order), and
 * ONNX Runtime removes transpose pairs that cancel.
 */

type Padding = "same" | "valid";

/** Explicit [begin…, end…] pads: Keras's "same" puts the odd pixel at the end. */
function padsFor(
  sizes: number[],
  windows: number[],
  strides: number[],
  padding: Padding,
): number[] {
  if (padding === "valid") return [...sizes.map(() => 0), ...sizes.map(() => 0)];
  const totals = sizes.map((size, axis) => {
    const stride = strides[axis] as number;
    const out = Math.ceil(size / stride);
    return Math.max((out - 1) * stride + (windows[axis] as number) - size, 0);
  });
  return [...totals.map((t) => Math.floor(t / 2)), ...totals.map((t) => t - Math.floor(t / 2))];
}

/** NHWC → NCHW (or NWC → NCW) for a tensor of `rank` axes. */
function channelsFirst(context: LayerContext, x: string, rank: number): string {
  const perm = [0, rank - 1, ...Array.from({ length: rank - 2 }, (_, i) => i + 1)];
  return context.graph.op("Transpose", [x], `${context.node.id}/to_channels_first`, {
    perm: ints(perm),
  });
}

function channelsLast(context: LayerContext, x: string, rank: number): string {
  const perm = [0, ...Array.from({ length: rank - 2 }, (_, i) => i + 2), 1];
  return context.graph.op("Transpose", [x], `${context.node.id}/to_channels_last`, {
    perm: ints(perm),
  });
}

/** A number or a pair parameter as one size per spatial axis. */
function sizes(value: unknown, axes: number): number[] {
  return Array.isArray(value)
    ? (value as number[])
    : Array.from({ length: axes }, () => Number(value));
}

/**
 * tf.js kernel [k…, in, out] (row-major) → ONNX weight [out, in, k…]. A depthwise kernel
 * [k…, channels, multiplier] read as [k…, 1, channels·multiplier] gives ONNX's grouped weight
 * [channels·multiplier, 1, k…], output channel c·multiplier + j as in tf.js.
 */
function convWeight(
  values: Float32Array,
  kernel: number[],
  inC: number,
  outC: number,
): Float32Array {
  const area = kernel.reduce((a, b) => a * b, 1);
  const result = new Float32Array(values.length);
  for (let k = 0; k < area; k++) {
    for (let i = 0; i < inC; i++) {
      for (let o = 0; o < outC; o++) {
        result[(o * inC + i) * area + k] = values[(k * inC + i) * outC + o] as number;
      }
    }
  }
  return result;
}

interface ConvSettings {
  /** Kernel [k…, in, out], as tf.js stores it. */
  kernel: Float32Array;
  kernelSize: number[];
  strides: number[];
  padding: Padding;
  inChannels: number;
  /** Output channels per group, and the number of groups (channels for a depthwise conv). */
  outPerGroup: number;
  groups: number;
  spatial: number[];
  hint: string;
}

/** One ONNX Conv on a channels-first tensor, without bias. */
function conv(context: LayerContext, x: string, settings: ConvSettings): string {
  const { graph } = context;
  const { kernelSize, groups, outPerGroup } = settings;
  const inPerGroup = settings.inChannels / groups;
  const weight =
    groups === 1
      ? convWeight(settings.kernel, kernelSize, settings.inChannels, outPerGroup)
      : convWeight(settings.kernel, kernelSize, 1, groups * outPerGroup);
  const w = graph.floatTensor(
    settings.hint,
    [groups * outPerGroup, inPerGroup, ...kernelSize],
    weight,
  );
  return graph.op("Conv", [x, w], `${context.node.id}/conv`, {
    group: int(groups),
    kernel_shape: ints(kernelSize),
    strides: ints(settings.strides),
    pads: ints(padsFor(settings.spatial, kernelSize, settings.strides, settings.padding)),
  });
}

/** Conv1D, Conv2D, DepthwiseConv2D and SeparableConv2D. */
function writeConvolution(kind: "plain" | "depthwise" | "separable"): LayerWriter {
  return (context) => {
    const { params } = context;
    const dims = inputShape(context);
    const rank = dims.length + 1;
    const axes = rank - 2;
    const spatial = dims.slice(0, -1);
    const inChannels = dims[dims.length - 1] as number;
    const kernelSize = sizes(params.kernelSize, axes);
    const strides = sizes(params.strides, axes);
    const padding: Padding = params.padding === "same" ? "same" : "valid";
    const common = { kernelSize, strides, padding, inChannels, spatial };
    let x = channelsFirst(context, firstInput(context), rank);
    let outChannels: number;
    if (kind === "plain") {
      outChannels = Number(params.filters);
      const kernel = context.weight("kernel", [...kernelSize, inChannels, outChannels]);
      x = conv(context, x, {
        ...common,
        kernel,
        outPerGroup: outChannels,
        groups: 1,
        hint: `${context.node.id}/kernel`,
      });
    } else {
      const multiplier = Number(params.depthMultiplier);
      const depth = inChannels * multiplier;
      const kernel = context.weight("depthwise_kernel", [...kernelSize, inChannels, multiplier]);
      x = conv(context, x, {
        ...common,
        kernel,
        outPerGroup: multiplier,
        groups: inChannels,
        hint: `${context.node.id}/depthwise_kernel`,
      });
      outChannels = depth;
      if (kind === "separable") {
        outChannels = Number(params.filters);
        const pointwise = context.weight("pointwise_kernel", [1, 1, depth, outChannels]);
        x = conv(context, x, {
          kernel: pointwise,
          kernelSize: [1, 1],
          strides: [1, 1],
          padding: "valid",
          inChannels: depth,
          outPerGroup: outChannels,
          groups: 1,
          spatial: [1, 1],
          hint: `${context.node.id}/pointwise_kernel`,
        });
      }
    }
    const y = addBias(context, channelsLast(context, x, rank), outChannels);
    return applyActivation(context.graph, y, activationOf(context), context.node.id);
  };
}

export const writeConv = writeConvolution("plain");
export const writeDepthwiseConv2D = writeConvolution("depthwise");
export const writeSeparableConv2D = writeConvolution("separable");

/**
 * MaxPool / AveragePool. Padded cells never win a max and are left out of an average
 * (count_include_pad 0), as in tf.js's "same" pooling.
 */
function writePooling(opType: "MaxPool" | "AveragePool"): LayerWriter {
  return (context) => {
    const { params } = context;
    const dims = inputShape(context);
    const rank = dims.length + 1;
    const axes = rank - 2;
    const poolSize = sizes(params.poolSize, axes);
    const strides = params.strides === null ? poolSize : sizes(params.strides, axes);
    const padding: Padding = params.padding === "same" ? "same" : "valid";
    const x = channelsFirst(context, firstInput(context), rank);
    const attributes = {
      kernel_shape: ints(poolSize),
      strides: ints(strides),
      pads: ints(padsFor(dims.slice(0, -1), poolSize, strides, padding)),
      ...(opType === "AveragePool" ? { count_include_pad: int(0) } : {}),
    };
    const pooled = context.graph.op(opType, [x], `${context.node.id}/pool`, attributes);
    return channelsLast(context, pooled, rank);
  };
}

export const writeMaxPooling = writePooling("MaxPool");
export const writeAveragePooling = writePooling("AveragePool");

/** Averages or maxes over every axis between batch and channels. */
function writeGlobalPooling(opType: "ReduceMean" | "ReduceMax"): LayerWriter {
  return (context) => {
    const spatialAxes = inputShape(context)
      .slice(0, -1)
      .map((_, i) => i + 1);
    return context.graph.op(opType, [firstInput(context)], context.node.id, {
      axes: ints(spatialAxes),
      keepdims: int(0),
    });
  };
}

export const writeGlobalAveragePooling = writeGlobalPooling("ReduceMean");
export const writeGlobalMaxPooling = writeGlobalPooling("ReduceMax");

/**
 * tf.js resizes with alignCorners and halfPixelCenters off: source = destination / factor
 * ("asymmetric"), nearest taking the floor.
 */
export const writeUpSampling2D: LayerWriter = (context) => {
  const { graph, node, params } = context;
  const [rows, columns] = sizes(params.size, 2);
  const x = channelsFirst(context, firstInput(context), 4);
  const scales = graph.floatTensor(
    `${node.id}/scales`,
    [4],
    [1, 1, rows as number, columns as number],
  );
  const bilinear = params.interpolation === "bilinear";
  const resized = graph.op("Resize", [x, "", scales], `${node.id}/resize`, {
    mode: str(bilinear ? "linear" : "nearest"),
    coordinate_transformation_mode: str("asymmetric"),
    ...(bilinear ? {} : { nearest_mode: str("floor") }),
  });
  return channelsLast(context, resized, 4);
};
