import { ACTIVATIONS } from "../../src/core/model/catalog";
import type { LayerType, ModelSpec, ParamValue } from "../../src/core/model/spec";
import type { CompareOptions } from "./onnxTestHarness";

/**
 * The ONNX writer's test cases: every catalog layer in small models with several parameter
 * variants (CASES), and layers in company (MODELS). Test data only; model.test.ts runs them.
 */

type Params = Record<string, ParamValue>;

export interface ExportCase {
  name: string;
  spec: ModelSpec;
  options?: CompareOptions;
}

/** "4x3" → [4,3]. */
const dims = (text: string): number[] => text.split("x").map(Number);

/** Inputs `in0`, `in1`… (shapes like "8x8x2") feed one `layer` node of `type`, the output. */
export function layerCase(type: LayerType, params: Params, ...inputs: string[]): ExportCase {
  const ids = inputs.map((_, i) => `in${i}`);
  return {
    name: `${type} [${inputs.join(" + ")}] ${JSON.stringify(params)}`,
    spec: {
      version: 1,
      inputs: ids,
      nodes: [
        ...inputs.map((shape, i) => ({
          id: `in${i}`,
          type: "InputLayer" as const,
          params: { shape: dims(shape) },
        })),
        { id: "layer", type, params },
      ],
      edges: ids.map((from, toIndex) => ({ from, to: "layer", toIndex })),
      outputs: ["layer"],
    },
  };
}

/** Every combination of the listed values. */
function grid(options: Record<string, ParamValue[]>): Params[] {
  let combos: Params[] = [{}];
  for (const [name, values] of Object.entries(options)) {
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos;
}

const variants = (type: LayerType, input: string, options: Record<string, ParamValue[]>) =>
  grid(options).map((params) => layerCase(type, params, input));

export const CASES: Partial<Record<LayerType | "RecurrentScan", ExportCase[]>> = {
  Dense: [
    ...variants("Dense", "5", {
      units: [3],
      useBias: [true, false],
      activation: ["relu", "softmax"],
    }),
    layerCase("Dense", { units: 4, activation: "tanh" }, "3x5"),
  ],
  Activation: [
    ...variants("Activation", "6", { activation: [...ACTIVATIONS] }),
    layerCase("Activation", { activation: "softmax" }, "3x2x4"),
  ],
  LeakyReLU: variants("LeakyReLU", "3x4", { alpha: [0.3, 0.01] }),
  Dropout: variants("Dropout", "5", { rate: [0, 0.5] }),
  BatchNormalization: [
    layerCase("BatchNormalization", {}, "6"),
    layerCase("BatchNormalization", { epsilon: 0.1 }, "4x3x2"),
  ],
  LayerNormalization: [
    layerCase("LayerNormalization", {}, "6"),
    layerCase("LayerNormalization", { epsilon: 0.00001 }, "5x7"),
  ],
  Flatten: [layerCase("Flatten", {}, "6"), layerCase("Flatten", {}, "3x4x2")],
  Reshape: [
    layerCase("Reshape", { targetShape: [4, -1, 2] }, "16"),
    layerCase("Reshape", { targetShape: [-1] }, "2x3x2"),
  ],
  Embedding: [
    {
      ...layerCase("Embedding", { inputDim: 9, outputDim: 4 }, "5"),
      options: { integerInputs: { in0: 9 } },
    },
    {
      ...layerCase("Embedding", { inputDim: 3, outputDim: 2 }, "1"),
      options: { integerInputs: { in0: 3 } },
    },
  ],
  Conv1D: [
    layerCase("Conv1D", {}, "7x2"),
    ...variants("Conv1D", "9x3", {
      filters: [4],
      kernelSize: [2, 3],
      strides: [1, 2],
      padding: ["valid", "same"],
      useBias: [false],
    }),
  ],
  Conv2D: [
    layerCase("Conv2D", {}, "6x6x2"),
    layerCase("Conv2D", { filters: 3, activation: "sigmoid", useBias: false }, "5x5x1"),
    ...variants("Conv2D", "7x6x2", {
      filters: [3],
      kernelSize: [
        [3, 3],
        [2, 3],
      ],
      strides: [
        [1, 1],
        [2, 2],
        [2, 1],
      ],
      padding: ["valid", "same"],
      activation: ["linear"],
    }),
  ],
  SeparableConv2D: [
    layerCase("SeparableConv2D", {}, "6x6x2"),
    ...variants("SeparableConv2D", "7x6x3", {
      filters: [4],
      kernelSize: [
        [3, 3],
        [1, 2],
      ],
      strides: [
        [1, 1],
        [2, 2],
      ],
      padding: ["same", "valid"],
      depthMultiplier: [2],
      useBias: [false],
    }),
  ],
  DepthwiseConv2D: [
    layerCase("DepthwiseConv2D", {}, "6x6x2"),
    ...variants("DepthwiseConv2D", "7x6x3", {
      kernelSize: [
        [3, 3],
        [2, 1],
      ],
      strides: [
        [1, 1],
        [2, 2],
      ],
      padding: ["valid", "same"],
      depthMultiplier: [1, 2],
      activation: ["linear"],
    }),
  ],
  MaxPooling1D: variants("MaxPooling1D", "7x2", {
    poolSize: [2, 3],
    strides: [null, 2],
    padding: ["valid", "same"],
  }),
  MaxPooling2D: variants("MaxPooling2D", "7x6x2", {
    poolSize: [
      [2, 2],
      [3, 2],
    ],
    strides: [null, [2, 3]],
    padding: ["valid", "same"],
  }),
  AveragePooling2D: variants("AveragePooling2D", "7x6x2", {
    poolSize: [
      [2, 2],
      [3, 3],
    ],
    strides: [null, [1, 2]],
    padding: ["valid", "same"],
  }),
  GlobalAveragePooling1D: [layerCase("GlobalAveragePooling1D", {}, "5x3")],
  GlobalAveragePooling2D: [layerCase("GlobalAveragePooling2D", {}, "5x4x3")],
  GlobalMaxPooling2D: [layerCase("GlobalMaxPooling2D", {}, "5x4x3")],
  UpSampling2D: variants("UpSampling2D", "3x4x2", {
    size: [
      [2, 2],
      [1, 3],
    ],
    interpolation: ["nearest", "bilinear"],
  }),
  SimpleRNN: variants("SimpleRNN", "5x3", {
    units: [4],
    returnSequences: [false, true],
    activation: ["tanh", "relu", "linear"],
  }),
  LSTM: [
    ...variants("LSTM", "5x3", { units: [4], returnSequences: [false, true] }),
    layerCase("LSTM", { units: 2, activation: "sigmoid" }, "4x1"),
  ],
  GRU: [
    ...variants("GRU", "5x3", { units: [4], returnSequences: [false, true] }),
    layerCase("GRU", { units: 3, activation: "elu", returnSequences: true }, "4x2"),
    layerCase("GRU", { units: 3, activation: "softplus" }, "4x2"),
  ],
  Bidirectional: variants("Bidirectional", "4x3", {
    layer: ["LSTM", "GRU", "SimpleRNN"],
    units: [3],
    returnSequences: [false, true],
    mergeMode: ["concat", "sum", "mul", "ave"],
  }),
  // Activations ONNX's RNN/LSTM/GRU operators lack run through a Scan over tf.js's cell.
  RecurrentScan: [
    ...variants("SimpleRNN", "4x3", {
      units: [3],
      activation: ["selu", "softmax"],
      returnSequences: [false, true],
    }),
    ...variants("LSTM", "4x3", {
      units: [3],
      activation: ["gelu", "swish"],
      returnSequences: [false, true],
    }),
    ...variants("GRU", "4x3", {
      units: [3],
      activation: ["swish", "selu"],
      returnSequences: [false, true],
    }),
    ...variants("Bidirectional", "4x2", {
      layer: ["LSTM", "GRU", "SimpleRNN"],
      units: [2],
      activation: ["gelu"],
      returnSequences: [false, true],
      mergeMode: ["concat", "ave"],
    }),
  ],
  Add: [layerCase("Add", {}, "6", "6"), layerCase("Add", {}, "2x3x2", "2x3x2", "2x3x2")],
  Multiply: [layerCase("Multiply", {}, "3x5", "3x5", "3x5")],
  Concatenate: [
    layerCase("Concatenate", {}, "6", "3"),
    layerCase("Concatenate", { axis: 1 }, "4x3", "2x3"),
    layerCase("Concatenate", { axis: -2 }, "4x3", "1x3"),
    layerCase("Concatenate", { axis: 3 }, "2x2x1", "2x2x3"),
  ],
};

/** A spec from nodes `[id, type, params]` and edges `"from>to"` (toIndex in listed order). */
function graphSpec(
  nodes: Array<[string, LayerType, Params]>,
  edges: string[],
  outputs: string[],
): ModelSpec {
  const seen = new Map<string, number>();
  return {
    version: 1,
    inputs: nodes.filter(([, type]) => type === "InputLayer").map(([id]) => id),
    nodes: nodes.map(([id, type, params]) => ({ id, type, params })),
    edges: edges.map((edge) => {
      const [from = "", to = ""] = edge.split(">");
      const toIndex = seen.get(to) ?? 0;
      seen.set(to, toIndex + 1);
      return { from, to, toIndex };
    }),
    outputs,
  };
}

/** Layers in company: branches, two inputs and two outputs, images, text. */
export const MODELS: ExportCase[] = [
  {
    name: "two inputs, a shared branch, two outputs",
    spec: graphSpec(
      [
        ["numbers", "InputLayer", { shape: [4] }],
        ["extra", "InputLayer", { shape: [3] }],
        ["hidden", "Dense", { units: 5, activation: "gelu" }],
        ["side", "Dense", { units: 5, activation: "swish" }],
        ["joined", "Concatenate", {}],
        ["gate", "Multiply", {}],
        ["scores", "Dense", { units: 3, activation: "softmax" }],
        ["value", "Dense", { units: 1, activation: "linear" }],
      ],
      [
        "numbers>hidden",
        "extra>side",
        "hidden>joined",
        "side>joined",
        "hidden>gate",
        "side>gate",
        "joined>scores",
        "gate>value",
      ],
      ["scores", "value"],
    ),
  },
  {
    name: "an image network: separable, depthwise, batch norm, pooling, flatten",
    spec: graphSpec(
      [
        ["pixels", "InputLayer", { shape: [49] }],
        ["image", "Reshape", { targetShape: [7, 7, 1] }],
        ["conv", "Conv2D", { filters: 4, kernelSize: [3, 3], padding: "same" }],
        ["norm", "BatchNormalization", {}],
        ["separable", "SeparableConv2D", { filters: 6, strides: [2, 2], padding: "same" }],
        ["depthwise", "DepthwiseConv2D", { kernelSize: [2, 2], depthMultiplier: 2 }],
        ["pool", "AveragePooling2D", { poolSize: [2, 2], padding: "same" }],
        ["up", "UpSampling2D", { size: [2, 2] }],
        ["flat", "Flatten", {}],
        ["out", "Dense", { units: 3, activation: "softmax" }],
      ],
      [
        "pixels>image",
        "image>conv",
        "conv>norm",
        "norm>separable",
        "separable>depthwise",
        "depthwise>pool",
        "pool>up",
        "up>flat",
        "flat>out",
      ],
      ["out"],
    ),
  },
  {
    name: "a text network: embedding, conv 1D, stacked recurrent layers",
    spec: graphSpec(
      [
        ["tokens", "InputLayer", { shape: [8] }],
        ["embed", "Embedding", { inputDim: 20, outputDim: 4 }],
        ["conv", "Conv1D", { filters: 5, kernelSize: 3, padding: "same" }],
        ["pool", "MaxPooling1D", { poolSize: 2 }],
        ["gru", "GRU", { units: 4, returnSequences: true }],
        ["bi", "Bidirectional", { layer: "LSTM", units: 3, returnSequences: true }],
        ["norm", "LayerNormalization", {}],
        ["avg", "GlobalAveragePooling1D", {}],
        ["out", "Dense", { units: 2, activation: "sigmoid" }],
      ],
      [
        "tokens>embed",
        "embed>conv",
        "conv>pool",
        "pool>gru",
        "gru>bi",
        "bi>norm",
        "norm>avg",
        "avg>out",
      ],
      ["out"],
    ),
    options: { integerInputs: { tokens: 20 } },
  },
];
