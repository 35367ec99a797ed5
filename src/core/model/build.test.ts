import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { analyzeGraph } from "./graph";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "./spec";

/** Whole graphs (branches, merges, several inputs) built with tf.js and compared layer by layer. */

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Link = [from: string, to: string, toIndex?: number];

function graph(
  nodes: Array<[id: string, type: LayerType, params?: Record<string, ParamValue>]>,
  links: Link[],
  inputs: string[],
  outputs: string[],
): ModelSpec {
  return {
    version: 1,
    inputs,
    nodes: nodes.map(([id, type, params]): LayerNode => ({ id, type, params: params ?? {} })),
    edges: links.map(([from, to, toIndex]) => ({ from, to, toIndex: toIndex ?? 0 })),
    outputs,
  };
}

const residualCnn = graph(
  [
    ["image", "InputLayer", { shape: [12, 12, 1] }],
    ["conv_a", "Conv2D", { filters: 8, padding: "same" }],
    ["conv_b", "Conv2D", { filters: 8, padding: "same", activation: "linear" }],
    ["add", "Add"],
    ["pool", "MaxPooling2D"],
    ["sep", "SeparableConv2D", { filters: 6, depthMultiplier: 2 }],
    ["bn", "BatchNormalization"],
    ["up", "UpSampling2D"],
    ["depthwise", "DepthwiseConv2D", { strides: [2, 2] }],
    ["gap", "GlobalMaxPooling2D"],
    ["head", "Dense", { units: 3, activation: "softmax" }],
  ],
  [
    ["image", "conv_a"],
    ["conv_a", "conv_b"],
    ["conv_a", "add", 0],
    ["conv_b", "add", 1],
    ["add", "pool"],
    ["pool", "sep"],
    ["sep", "bn"],
    ["bn", "up"],
    ["up", "depthwise"],
    ["depthwise", "gap"],
    ["gap", "head"],
  ],
  ["image"],
  ["head"],
);

const textAndTable = graph(
  [
    ["tokens", "InputLayer", { shape: [20] }],
    ["table", "InputLayer", { shape: [5] }],
    ["embed", "Embedding", { inputDim: 100, outputDim: 8 }],
    ["bi", "Bidirectional", { units: 6, returnSequences: true }],
    ["conv", "Conv1D", { filters: 4, padding: "same" }],
    ["pool", "MaxPooling1D"],
    ["norm", "LayerNormalization"],
    ["gru", "GRU", { units: 5 }],
    ["table_dense", "Dense", { units: 5 }],
    ["gate", "Multiply"],
    ["joined", "Concatenate"],
    ["leaky", "LeakyReLU"],
    ["head", "Dense", { units: 1, activation: "sigmoid" }],
  ],
  [
    ["tokens", "embed"],
    ["embed", "bi"],
    ["bi", "conv"],
    ["conv", "pool"],
    ["pool", "norm"],
    ["norm", "gru"],
    ["table", "table_dense"],
    ["gru", "gate", 0],
    ["table_dense", "gate", 1],
    ["gate", "joined", 1],
    ["table", "joined", 0],
    ["joined", "leaky"],
    ["leaky", "head"],
  ],
  ["tokens", "table"],
  ["head"],
);

/** A chain, so tf.sequential: a Flatten of a 2-D input, then a Reshape with -1 feeding Dense. */
const chainWithReshapes = graph(
  [
    ["in", "InputLayer", { shape: [12] }],
    ["flat", "Flatten"],
    ["rows", "Reshape", { targetShape: [-1, 3] }],
    ["rnn", "SimpleRNN", { units: 4, returnSequences: true }],
    ["back", "Reshape", { targetShape: [-1] }],
    ["dense", "Dense", { units: 2 }],
  ],
  [
    ["in", "flat"],
    ["flat", "rows"],
    ["rows", "rnn"],
    ["rnn", "back"],
    ["back", "dense"],
  ],
  ["in"],
  ["dense"],
);

/** Concatenate along a negative axis other than -1, which tf.js alone gets wrong. */
const stackedRows = graph(
  [
    ["a", "InputLayer", { shape: [4, 3] }],
    ["b", "InputLayer", { shape: [2, 3] }],
    ["rows", "Concatenate", { axis: -2 }],
    ["gap", "GlobalAveragePooling1D"],
  ],
  [
    ["b", "rows", 1],
    ["a", "rows", 0],
    ["rows", "gap"],
  ],
  ["a", "b"],
  ["gap"],
);

const GRAPHS = { residualCnn, textAndTable, chainWithReshapes, stackedRows };

describe("whole graphs agree with tf.js", () => {
  for (const [name, spec] of Object.entries(GRAPHS)) {
    it(name, () => {
      const analysis = analyzeGraph(spec);
      expect(analysis.problems).toEqual([]);
      const model = buildModel(tf, spec, { seed: 11 });
      expect(analysis.totalParams).toBe(model.countParams());
      for (const node of spec.nodes) {
        if (node.type === "InputLayer") continue;
        expect(analysis.nodes[node.id]?.shape, node.id).toEqual(
          model.getLayer(node.id).outputShape,
        );
      }
      const shape = tf.tidy(() => {
        const xs = model.inputs.map((input) => tf.ones([3, ...input.shape.slice(1)] as number[]));
        return (model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor).shape;
      });
      expect(shape).toEqual([3, ...(analysis.nodes[spec.outputs[0] ?? ""]?.shape ?? []).slice(1)]);
      model.dispose();
    });
  }
});

describe("seeded initial weights", () => {
  const weightsOf = (spec: ModelSpec, seed: number) => {
    const model = buildModel(tf, spec, { seed });
    const values = model.getWeights().map((weight) => Array.from(weight.dataSync()));
    model.dispose();
    return values;
  };

  it("repeat with the same seed and change with another", () => {
    for (const spec of [residualCnn, textAndTable]) {
      expect(weightsOf(spec, 5)).toEqual(weightsOf(spec, 5));
      expect(weightsOf(spec, 5)).not.toEqual(weightsOf(spec, 6));
    }
  });
});
