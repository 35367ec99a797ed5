import type { ActivationName } from "../../model/catalog";
import { float, int, type GraphBuilder } from "./graph";

/**
 * The catalog's activations as ONNX operators, computed as tf.js computes them (tfjs-layers
 * activations.js): selu with Keras's constants, gelu exact (with erf), swish x·sigmoid(x), softmax
 * over the last axis.
 */

const SELU_ALPHA = 1.6732632423543772;
const SELU_SCALE = 1.0507009873554805;

/** Applies `activation` to tensor `x`; returns the result's name (`x` itself for linear). */
export function applyActivation(
  graph: GraphBuilder,
  x: string,
  activation: ActivationName,
  hint: string,
): string {
  const op = (type: string, inputs: string[], attributes = {}) =>
    graph.op(type, inputs, `${hint}/${activation}`, attributes);
  switch (activation) {
    case "linear":
      return x;
    case "relu":
      return op("Relu", [x]);
    case "elu":
      return op("Elu", [x], { alpha: float(1) });
    case "selu":
      return op("Selu", [x], { alpha: float(SELU_ALPHA), gamma: float(SELU_SCALE) });
    case "gelu": {
      // 0.5 · x · (1 + erf(x / √2))
      const scaled = op("Div", [x, graph.scalar(`${hint}/sqrt2`, Math.SQRT2)]);
      const onePlusErf = op("Add", [op("Erf", [scaled]), graph.scalar(`${hint}/one`, 1)]);
      const half = op("Mul", [onePlusErf, graph.scalar(`${hint}/half`, 0.5)]);
      return op("Mul", [x, half]);
    }
    case "sigmoid":
      return op("Sigmoid", [x]);
    case "tanh":
      return op("Tanh", [x]);
    case "softmax":
      return op("Softmax", [x], { axis: int(-1) });
    case "swish":
      return op("Mul", [op("Sigmoid", [x]), x]);
    case "softplus":
      return op("Softplus", [x]);
  }
}

/** An activation as the ONNX recurrent operators name it, with its alpha/beta where it has them. */
export interface RecurrentActivation {
  name: string;
  alpha?: number;
  beta?: number;
}

/**
 * The ONNX RNN/GRU/LSTM name of a catalog activation, or null when those operators have none
 * (selu, gelu, swish, softmax).
 */
export function recurrentActivation(activation: ActivationName): RecurrentActivation | null {
  switch (activation) {
    case "linear":
      return { name: "Affine", alpha: 1, beta: 0 };
    case "relu":
      return { name: "Relu" };
    case "elu":
      return { name: "Elu", alpha: 1 };
    case "sigmoid":
      return { name: "Sigmoid" };
    case "tanh":
      return { name: "Tanh" };
    case "softplus":
      return { name: "Softplus" };
    case "selu":
    case "gelu":
    case "swish":
    case "softmax":
      return null;
  }
}

/** tf.js's default recurrent activation (the studio never changes it): clip(0.2x + 0.5, 0, 1). */
export const HARD_SIGMOID: RecurrentActivation = { name: "HardSigmoid", alpha: 0.2, beta: 0.5 };
