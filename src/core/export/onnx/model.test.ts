import * as tf from "@tensorflow/tfjs";
import { onnx } from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIVATIONS } from "../../model/catalog";
import { TEMPLATES } from "../../model/templates";
import type { LayerType, ModelSpec, ParamValue } from "../../model/spec";
import { batchedValueInfo, exportOnnxModel, onnxGraphParts, OnnxExportError } from "./model";
import { checkOnnxFiles, compareWithTfjs, type CompareOptions } from "./onnxTestHarness";

/**
 * The acceptance for the ONNX writer: for every catalog layer (in small models, several
 * parameter variants) and every template, ONNX Runtime's output equals tf.js predict within 1e-4,
 * and every exported file passes onnx.checker with full_check.
 */

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Params = Record<string, ParamValue>;

interface ExportCase {
  name: string;
  spec: ModelSpec;
  options?: CompareOptions;
}

/** "4x3" → [4,3]. */
const dims = (text: string): number[] => text.split("x").map(Number);

/** Inputs `in0`, `in1`… (shapes like "8x8x2") feed one `layer` node of `type`, the output. */
function layerCase(type: LayerType, params: Params, ...inputs: string[]): ExportCase {
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

const CASES: Partial<Record<LayerType | "RecurrentScan", ExportCase[]>> = {
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
const MODELS: ExportCase[] = [
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

const exported: Array<{ name: string; bytes: Uint8Array }> = [];
let largestError = 0;

async function expectSameOutputs(exportCase: ExportCase): Promise<void> {
  const { maxAbsError, onnxBytes } = await compareWithTfjs(tf, exportCase.spec, exportCase.options);
  exported.push({ name: exportCase.name, bytes: onnxBytes });
  largestError = Math.max(largestError, maxAbsError);
  expect(maxAbsError).toBeLessThan(TOLERANCE);
}

afterAll(() => {
  console.log(`ONNX vs tf.js: ${exported.length} models, largest abs difference ${largestError}`);
});

describe("ONNX Runtime equals tf.js predict", () => {
  for (const [type, cases] of Object.entries(CASES)) {
    describe(type, () => {
      for (const exportCase of cases) it(exportCase.name, () => expectSameOutputs(exportCase));
    });
  }

  describe("models", () => {
    for (const model of MODELS) it(model.name, () => expectSameOutputs(model));
  });

  describe("templates", () => {
    const data = [
      { featureCount: 16, task: "classification" as const, classCount: 3 },
      { featureCount: 5, task: "regression" as const, classCount: 0 },
    ];
    for (const template of TEMPLATES) {
      for (const shape of data) {
        const spec = template.build(shape);
        if (typeof spec === "string") continue;
        const name = `${template.id} ${shape.featureCount} features ${shape.task}`;
        it(name, () => expectSameOutputs({ name, spec }));
      }
    }
  });
});

describe("the exported files", () => {
  it("pass onnx.checker.check_model(full_check=True)", () => {
    expect(exported.length).toBeGreaterThan(20);
    const { ok, report } = checkOnnxFiles(exported);
    expect(report).not.toMatch(/FAIL/);
    expect(ok, report).toBe(true);
    expect(report.match(/^ok /gm)?.length).toBe(exported.length);
  });

  it("and the checker does fail a broken file", () => {
    const broken = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: "", version: 17 }],
      graph: {
        name: "broken",
        node: [{ opType: "MatMul", input: ["x", "missing"], output: ["y"] }],
        input: [batchedValueInfo("x", [3])],
        output: [batchedValueInfo("y", [3])],
      },
    }).finish();
    const { ok, report } = checkOnnxFiles([{ name: "broken", bytes: broken }]);
    expect(ok).toBe(false);
    expect(report).toMatch(/FAIL .*broken/);
  });

  it("declare opset 17, IR version 8, a symbolic batch and the spec's input and output names", () => {
    const spec = TEMPLATES[0]?.build({ featureCount: 4, task: "classification", classCount: 3 });
    if (typeof spec !== "object") throw new Error("no mlp");
    const weights = [
      { name: "dense_1/kernel", shape: [4, 32], values: new Float32Array(128) },
      { name: "dense_1/bias", shape: [32], values: new Float32Array(32) },
      { name: "dense_2/kernel", shape: [32, 16], values: new Float32Array(512) },
      { name: "dense_2/bias", shape: [16], values: new Float32Array(16) },
      { name: "output/kernel", shape: [16, 3], values: new Float32Array(48) },
      { name: "output/bias", shape: [3], values: new Float32Array(3) },
    ];
    const model = onnx.ModelProto.decode(exportOnnxModel(spec, weights, { graphName: "iris" }));
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", 17]]);
    expect(model.graph?.name).toBe("iris");
    const dimsOf = (value: onnx.IValueInfoProto) =>
      value.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
    expect(model.graph?.input?.map((i) => [i.name, dimsOf(i)])).toEqual([["input", ["batch", 4]]]);
    expect(model.graph?.output?.map((o) => [o.name, dimsOf(o)])).toEqual([
      ["output", ["batch", 3]],
    ]);

    const parts = onnxGraphParts(spec, weights, { prefix: "model/" });
    expect(parts.inputs).toEqual([{ name: "model/input", shape: [4] }]);
    expect(parts.outputs).toEqual([{ name: "model/output", shape: [3] }]);
    const names = [
      ...parts.nodes.flatMap((n) => [...(n.output ?? []), n.name ?? ""]),
      ...parts.initializers.map((t) => t.name ?? ""),
    ];
    expect(names.every((name) => name.startsWith("model/"))).toBe(true);
  });
});

describe("what cannot be exported is named", () => {
  const dense = layerCase("Dense", { units: 2 }, "3");

  it("weights that do not belong to the model", () => {
    const wrong = [{ name: "layer/kernel", shape: [2, 2], values: new Float32Array(4) }];
    expect(() => exportOnnxModel(dense.spec, wrong)).toThrow(OnnxExportError);
    expect(() => exportOnnxModel(dense.spec, wrong)).toThrow(
      /“layer\/kernel” has shape \[2,2\] but the model needs \[3,2\]/,
    );
    const extra = [
      { name: "layer/kernel", shape: [3, 2], values: new Float32Array(6) },
      { name: "layer/bias", shape: [2], values: new Float32Array(2) },
      { name: "other/kernel", shape: [1], values: new Float32Array(1) },
    ];
    expect(() => exportOnnxModel(dense.spec, extra)).toThrow(/other\/kernel is not used/);
  });

  it("a parameter value the writer does not know, naming the layer", () => {
    const spec = layerCase("Activation", { activation: "mish" }, "3").spec;
    let error: unknown;
    try {
      exportOnnxModel(spec, []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OnnxExportError);
    expect((error as OnnxExportError).layers).toEqual(["layer"]);
    expect((error as OnnxExportError).message).toMatch(/layer/);
  });
});
