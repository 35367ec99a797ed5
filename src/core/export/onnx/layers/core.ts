import type { ActivationName } from "../../../model/catalog";
import { applyActivation } from "../activations";
import { float, int } from "../graph";
import { firstInput, inputShape, type LayerContext, type LayerWriter } from "./context";

/** Dense, Activation, LeakyReLU, Dropout, Embedding and the two normalizations. */

export const activationOf = (context: LayerContext): ActivationName =>
  String(context.params.activation) as ActivationName;

/** Adds `<id>/bias` (length `size`, on the last axis) to `x` when the node uses a bias. */
export function addBias(context: LayerContext, x: string, size: number): string {
  if (context.params.useBias !== true) return x;
  const { graph, node } = context;
  const bias = graph.floatTensor(`${node.id}/bias`, [size], context.weight("bias", [size]));
  return graph.op("Add", [x, bias], `${node.id}/bias_add`);
}

/** y = activation(x · kernel + bias) on the last axis; MatMul broadcasts over leading axes. */
export const writeDense: LayerWriter = (context) => {
  const { graph, node } = context;
  const inputs = inputShape(context);
  const features = inputs[inputs.length - 1] as number;
  const units = Number(context.params.units);
  const kernel = graph.floatTensor(
    `${node.id}/kernel`,
    [features, units],
    context.weight("kernel", [features, units]),
  );
  const product = graph.op("MatMul", [firstInput(context), kernel], `${node.id}/matmul`);
  return applyActivation(graph, addBias(context, product, units), activationOf(context), node.id);
};

export const writeActivation: LayerWriter = (context) =>
  applyActivation(context.graph, firstInput(context), activationOf(context), context.node.id);

/** The slope is written explicitly: ONNX's default (0.01) is not tf.js's (0.3). */
export const writeLeakyReLU: LayerWriter = (context) =>
  context.graph.op("LeakyRelu", [firstInput(context)], context.node.id, {
    alpha: float(Number(context.params.alpha)),
  });

/** Dropout only acts while training; at inference it passes values through. */
export const writeDropout: LayerWriter = (context) =>
  context.graph.op("Identity", [firstInput(context)], context.node.id);

/** Ids come in as float (the studio's inputs are float); tf.js casts them to int32 the same way. */
export const writeEmbedding: LayerWriter = (context) => {
  const { graph, node } = context;
  const inputDim = Number(context.params.inputDim);
  const outputDim = Number(context.params.outputDim);
  const table = graph.floatTensor(
    `${node.id}/embeddings`,
    [inputDim, outputDim],
    context.weight("embeddings", [inputDim, outputDim]),
  );
  const ids = graph.op("Cast", [firstInput(context)], `${node.id}/ids`, { to: int(7) });
  return graph.op("Gather", [table, ids], node.id, { axis: int(0) });
};

/**
 * Inference-time batch normalization on the last (channel) axis, folded into one scale and one
 * offset per channel: y = x · γ/√(var + ε) + (β − mean · γ/√(var + ε)), ε from the node.
 */
export const writeBatchNormalization: LayerWriter = (context) => {
  const { graph, node } = context;
  const dims = inputShape(context);
  const channels = dims[dims.length - 1] as number;
  const epsilon = Number(context.params.epsilon);
  const gamma = context.weight("gamma", [channels]);
  const beta = context.weight("beta", [channels]);
  const mean = context.weight("moving_mean", [channels]);
  const variance = context.weight("moving_variance", [channels]);
  const scale = new Float32Array(channels);
  const offset = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const s = (gamma[c] as number) / Math.sqrt((variance[c] as number) + epsilon);
    scale[c] = s;
    offset[c] = (beta[c] as number) - (mean[c] as number) * s;
  }
  const scaled = graph.op(
    "Mul",
    [firstInput(context), graph.floatTensor(`${node.id}/scale`, [channels], scale)],
    `${node.id}/scaled`,
  );
  return graph.op(
    "Add",
    [scaled, graph.floatTensor(`${node.id}/offset`, [channels], offset)],
    node.id,
  );
};

/** Normalizes each example over its last axis (tf.js's default axis), ε written explicitly. */
export const writeLayerNormalization: LayerWriter = (context) => {
  const { graph, node } = context;
  const dims = inputShape(context);
  const channels = dims[dims.length - 1] as number;
  const gamma = graph.floatTensor(
    `${node.id}/gamma`,
    [channels],
    context.weight("gamma", [channels]),
  );
  const beta = graph.floatTensor(`${node.id}/beta`, [channels], context.weight("beta", [channels]));
  return graph.op("LayerNormalization", [firstInput(context), gamma, beta], node.id, {
    axis: int(-1),
    epsilon: float(Number(context.params.epsilon)),
  });
};
