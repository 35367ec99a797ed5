import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { ACTIVATIONS, INITIALIZERS, LAYER_CATALOG } from "./catalog";
import { analyzeGraph } from "./graph";
import type { Shape } from "./shape";
import { LAYER_TYPES, type LayerType, type ModelSpec, type ParamValue } from "./spec";

/**
 * The acceptance: for every catalog entry, the studio's shapes and parameter counts equal
 * tf.js's. Cases are generated from parameter grids, so a new layer type cannot go untested.
 */

beforeAll(async () => {
  await tf.setBackend("cpu");
});

type Params = Record<string, ParamValue>;

interface LayerCase {
  params: Params;
  /** Input shapes without the batch dimension, one per input (merge layers take several). */
  inputs: number[][];
}

/** Every combination of the listed values. */
function grid(options: Record<string, ParamValue[]>): Params[] {
  let combos: Params[] = [{}];
  for (const [name, values] of Object.entries(options)) {
    combos = combos.flatMap((combo) => values.map((value) => ({ ...combo, [name]: value })));
  }
  return combos;
}

/** Every grid combination on each of the inputs. */
function variations(inputs: number[][][], options: Record<string, ParamValue[]>): LayerCase[] {
  return inputs.flatMap((shapes) => grid(options).map((params) => ({ params, inputs: shapes })));
}

/** The defaults (an empty params object) on the first input, then the variations. */
function cases(inputs: number[][][], options: Record<string, ParamValue[]>): LayerCase[] {
  return [{ params: {}, inputs: inputs[0] ?? [] }, ...variations(inputs, options)];
}

const WEIGHT_TYPES = [
  "Dense",
  "Conv1D",
  "Conv2D",
  "SeparableConv2D",
  "DepthwiseConv2D",
  "Embedding",
  "SimpleRNN",
  "LSTM",
  "GRU",
  "Bidirectional",
] as const;

/** "4x3" → [4,3]: input shapes and 2-D sizes, written short. */
const dims = (text: string): number[] => text.split("x").map(Number);
const shapes = (...texts: string[]): number[][] => texts.map(dims);
const one = (...texts: string[]): number[][][] => texts.map((text) => [dims(text)]);

const IMAGES = one("9x9x2", "8x7x3");

const CASES: Record<LayerType, LayerCase[]> = {
  InputLayer: shapes("4", "28x28x1", "10x3").map((shape) => ({ params: { shape }, inputs: [] })),
  Dense: cases(one("8", "5x6"), {
    units: [1, 7],
    useBias: [true, false],
    activation: ["relu", "softmax"],
  }),
  Activation: cases(one("6", "4x4x2"), { activation: [...ACTIVATIONS] }),
  LeakyReLU: cases(one("5", "3x4"), { alpha: [0.3, 0.01] }),
  Dropout: cases(one("5", "3x4"), { rate: [0, 0.5] }),
  BatchNormalization: cases(one("6", "8x8x3"), { momentum: [0.99, 0.9], epsilon: [0.001] }),
  LayerNormalization: cases(one("6", "5x7"), { epsilon: [0.001, 0.00001] }),
  Flatten: cases(one("6", "4x4x2", "3x5"), {}),
  Reshape: [
    ...cases(one("64"), { targetShape: shapes("8x8x1", "-1x4", "4x-1x2", "64", "-1") }),
    ...variations(one("4x4x2"), { targetShape: shapes("-1", "16x2", "2x2x2x4", "-1x1x1") }),
  ],
  Conv1D: cases(one("10x3", "7x1"), {
    filters: [4],
    kernelSize: [1, 3],
    strides: [1, 2],
    padding: ["valid", "same"],
    useBias: [true, false],
  }),
  Conv2D: cases(IMAGES, {
    filters: [4],
    kernelSize: shapes("3x3", "2x3"),
    strides: shapes("1x1", "2x2", "2x1"),
    padding: ["valid", "same"],
    useBias: [true, false],
  }),
  SeparableConv2D: cases(IMAGES, {
    filters: [5],
    kernelSize: shapes("3x3", "1x2"),
    strides: shapes("1x1", "2x2"),
    padding: ["valid", "same"],
    depthMultiplier: [1, 2],
    useBias: [true, false],
  }),
  DepthwiseConv2D: cases(IMAGES, {
    kernelSize: shapes("3x3", "2x1"),
    strides: shapes("1x1", "2x2"),
    padding: ["valid", "same"],
    depthMultiplier: [1, 3],
    useBias: [true, false],
  }),
  MaxPooling1D: cases(one("10x3", "7x2"), {
    poolSize: [2, 3],
    strides: [null, 1, 2],
    padding: ["valid", "same"],
  }),
  MaxPooling2D: cases(IMAGES, {
    poolSize: shapes("2x2", "3x2"),
    strides: [null, ...shapes("1x1", "2x3")],
    padding: ["valid", "same"],
  }),
  AveragePooling2D: cases(IMAGES, {
    poolSize: shapes("2x2", "3x3"),
    strides: [null, dims("1x2")],
    padding: ["valid", "same"],
  }),
  GlobalAveragePooling1D: cases(one("10x3", "1x5"), {}),
  GlobalAveragePooling2D: cases(IMAGES, {}),
  GlobalMaxPooling2D: cases(IMAGES, {}),
  UpSampling2D: cases(one("4x5x2"), {
    size: shapes("2x2", "1x3"),
    interpolation: ["nearest", "bilinear"],
  }),
  Embedding: cases(one("7", "1"), { inputDim: [50, 3], outputDim: [4, 9] }),
  SimpleRNN: cases(one("6x3", "2x1"), {
    units: [4, 1],
    returnSequences: [false, true],
    activation: ["tanh", "relu"],
  }),
  LSTM: cases(one("6x3", "2x1"), { units: [4, 1], returnSequences: [false, true] }),
  GRU: cases(one("6x3", "2x1"), { units: [4, 1], returnSequences: [false, true] }),
  Bidirectional: cases(one("5x3"), {
    layer: ["LSTM", "GRU", "SimpleRNN"],
    units: [3],
    returnSequences: [false, true],
    mergeMode: ["concat", "sum", "mul", "ave"],
  }),
  Add: cases([shapes("6", "6"), shapes("4x4x2", "4x4x2", "4x4x2")], {}),
  Multiply: cases([shapes("6", "6"), shapes("3x5", "3x5", "3x5", "3x5")], {}),
  Concatenate: [
    ...cases([shapes("6", "3")], { axis: [-1, 1] }),
    ...variations([shapes("4x3", "2x3", "1x3")], { axis: [1, -2] }),
    ...variations([shapes("4x3", "4x5")], { axis: [-1, 2] }),
    ...variations([shapes("2x2x1", "2x2x3")], { axis: [-1, 3] }),
  ],
};

// Each weight layer also gets every initializer and the L1/L2 penalties once, on its first input.
for (const type of WEIGHT_TYPES) {
  const inputs = CASES[type][0]?.inputs ?? [];
  INITIALIZERS.forEach((kernelInitializer, i) => {
    CASES[type].push({
      params: { kernelInitializer, l1: i % 2 === 0 ? 0.01 : 0, l2: i % 3 === 0 ? 0 : 0.001 },
      inputs,
    });
  });
}

/** Inputs `in0`, `in1`… feed the node `layer` (in toIndex order); `layer` is the output. */
function specFor(type: LayerType, layerCase: LayerCase): ModelSpec {
  if (type === "InputLayer") {
    return {
      version: 1,
      inputs: ["layer"],
      nodes: [
        { id: "layer", type, params: layerCase.params },
        { id: "out", type: "Activation", params: { activation: "linear" } },
      ],
      edges: [{ from: "layer", to: "out", toIndex: 0 }],
      outputs: ["out"],
    };
  }
  const inputIds = layerCase.inputs.map((_shape, i) => `in${i}`);
  return {
    version: 1,
    inputs: inputIds,
    nodes: [
      ...layerCase.inputs.map((shape, i) => ({
        id: `in${i}`,
        type: "InputLayer" as const,
        params: { shape },
      })),
      { id: "layer", type, params: layerCase.params },
    ],
    edges: inputIds.map((from, toIndex) => ({ from, to: "layer", toIndex })),
    outputs: ["layer"],
  };
}

function weightCount(weights: tf.LayerVariable[]): number {
  return weights.reduce(
    (sum, weight) => sum + weight.shape.reduce((a: number, b) => a * (b ?? 1), 1),
    0,
  );
}

function describeCase(layerCase: LayerCase): string {
  const shapes = layerCase.inputs.map((shape) => `[${shape.join(",")}]`).join(" + ");
  return `${shapes || "no input"} ${JSON.stringify(layerCase.params)}`;
}

describe("the catalog is complete", () => {
  it("has an entry and generated cases for every layer type", () => {
    for (const type of LAYER_TYPES) {
      const definition = LAYER_CATALOG[type];
      expect(definition, type).toBeDefined();
      expect(definition.type).toBe(type);
      expect(definition.label.length, type).toBeGreaterThan(0);
      expect(definition.description.length, type).toBeGreaterThan(10);
      expect(CASES[type].length, type).toBeGreaterThan(0);
    }
    expect(Object.keys(LAYER_CATALOG).sort()).toEqual([...LAYER_TYPES].sort());
  });

  it("explains every parameter and gives it a valid default", () => {
    for (const type of LAYER_TYPES) {
      for (const param of LAYER_CATALOG[type].params) {
        const where = `${type}.${param.name}`;
        expect(param.help.length, where).toBeGreaterThan(10);
        if (param.kind === "enum") expect(param.options, where).toContain(param.defaultValue);
        if (param.defaultValue === null) expect(param.nullable, where).toBe(true);
        if (param.kind === "pair" && param.defaultValue !== null) {
          expect(param.defaultValue, where).toHaveLength(2);
        }
        if (typeof param.defaultValue === "number") {
          expect(param.defaultValue, where).toBeGreaterThanOrEqual(param.min ?? -Infinity);
          expect(param.defaultValue, where).toBeLessThanOrEqual(param.max ?? Infinity);
        }
      }
    }
  });

  it("gives every weight layer an initializer and L1/L2 penalties", () => {
    for (const type of WEIGHT_TYPES) {
      const names = LAYER_CATALOG[type].params.map((param) => param.name);
      expect(names, type).toEqual(expect.arrayContaining(["kernelInitializer", "l1", "l2"]));
    }
  });
});

describe("shapes and parameter counts equal tf.js's", () => {
  for (const type of LAYER_TYPES) {
    describe(type, () => {
      for (const layerCase of CASES[type]) {
        it(describeCase(layerCase), () => {
          const spec = specFor(type, layerCase);
          const analysis = analyzeGraph(spec);
          expect(analysis.problems).toEqual([]);
          const model = buildModel(tf, spec, { seed: 3 });
          const inferred = analysis.nodes.layer;
          if (type === "InputLayer") {
            expect(inferred?.shape).toEqual(model.inputs[0]?.shape);
          } else {
            const layer = model.getLayer("layer");
            expect(inferred?.shape).toEqual(layer.outputShape);
            expect(inferred?.params).toEqual({
              trainable: weightCount(layer.trainableWeights),
              nonTrainable: weightCount(layer.nonTrainableWeights),
            });
          }
          expect(analysis.totalParams).toBe(model.countParams());

          // The layer really runs on a batch of two, and produces what was inferred.
          const output = tf.tidy(() => {
            const xs = model.inputs.map((input) =>
              tf.zeros([2, ...input.shape.slice(1)] as number[]),
            );
            const ys = model.predict(xs.length === 1 ? (xs[0] as tf.Tensor) : xs) as tf.Tensor;
            return ys.shape;
          });
          const expected: Shape = (analysis.nodes[spec.outputs[0] ?? ""]?.shape ?? []).map(
            (dim, axis) => (axis === 0 ? 2 : dim),
          );
          expect(output).toEqual(expected);
          model.dispose();
        });
      }
    });
  }
});

/** The message analyzeGraph puts on the layer for these inputs ("64", "28x28"…). */
function errorFor(type: LayerType, params: Params, ...inputs: string[]): string | undefined {
  return analyzeGraph(specFor(type, { params, inputs: shapes(...inputs) })).nodes.layer?.error;
}

describe("shape problems say how to fix them", () => {
  it("a 2D layer on a flat or channel-less input", () => {
    expect(errorFor("Conv2D", {}, "64")).toBe(
      "Conv2D needs an input of height × width × channels, but receives [null,64]; remove a Flatten above it or add a Reshape to [8,8,1].",
    );
    expect(errorFor("MaxPooling2D", {}, "10")).toMatch(
      /receives \[null,10\]; remove a Flatten above it or add a Reshape to height × width × channels\.$/,
    );
    expect(errorFor("Conv2D", {}, "28x28")).toBe(
      "Conv2D needs an input of height × width × channels, but receives [null,28,28]; add a Reshape to [28,28,1] above it to give it one channel.",
    );
    expect(errorFor("GlobalAveragePooling2D", {}, "5x3")).toMatch(/^GlobalAveragePooling2D needs/);
  });

  it("a 1D layer on the wrong rank", () => {
    expect(errorFor("Conv1D", {}, "10")).toBe(
      "Conv1D needs an input of steps × channels, but receives [null,10]; add a Reshape to [10,1] above it (10 steps of one value each), or remove a Flatten above it.",
    );
    expect(errorFor("GlobalAveragePooling1D", {}, "4x4x2")).toMatch(
      /add a Reshape to \[4,8\] above it \(one step per row\), or use a 2D layer\.$/,
    );
  });

  it("a recurrent layer on a 2-D input", () => {
    expect(errorFor("LSTM", {}, "10")).toBe(
      "LSTM needs an input of steps × features, but receives [null,10]; add a Reshape to [10,1] above it (10 steps of one value each), or an Embedding above it for token ids.",
    );
    expect(errorFor("Bidirectional", { layer: "GRU" }, "10")).toMatch(/^Bidirectional needs/);
  });

  it("an Embedding on a 3-D input", () => {
    expect(errorFor("Embedding", {}, "10x4")).toBe(
      "Embedding needs an input of token ids, [length] per example, but receives [null,10,4]; connect it to an Input of shape [length] holding whole-number ids, or add a Flatten above it.",
    );
  });

  it("Add and Multiply on unequal shapes, naming them in input order", () => {
    expect(errorFor("Add", {}, "32", "16")).toMatch(
      /^Add needs inputs of equal shape: \[null,32\] and \[null,16\]\./,
    );
    expect(errorFor("Multiply", {}, "4x4", "4x4", "4x2")).toMatch(
      /^Multiply needs inputs of equal shape: \[null,4,4\] and \[null,4,2\]\./,
    );
    const spec = specFor("Add", { params: {}, inputs: shapes("32", "16") });
    spec.edges.reverse(); // the edges' order in the list does not matter, their toIndex does
    expect(analyzeGraph(spec).nodes.layer?.error).toMatch(/\[null,32\] and \[null,16\]/);
  });

  it("Concatenate on shapes that differ off its axis", () => {
    expect(errorFor("Concatenate", {}, "4x8", "5x8")).toBe(
      "Concatenate joins along axis -1, so the inputs must match on every other axis: [null,4,8] and [null,5,8]. Change the axis or make the other sizes equal.",
    );
    expect(errorFor("Concatenate", {}, "4", "4x8")).toMatch(
      /same number of dimensions: \[null,4\] and \[null,4,8\]/,
    );
    expect(errorFor("Concatenate", { axis: 0 }, "4", "4")).toMatch(/0 is the batch/);
  });

  it("a Reshape whose sizes do not multiply to the input's", () => {
    expect(errorFor("Reshape", { targetShape: [8, 8, 2] }, "64")).toBe(
      "Reshape to [8,8,2] needs 128 values per example, but receives [null,64] (64 values). Make the target shape's sizes multiply to 64.",
    );
    expect(errorFor("Reshape", { targetShape: [-1, 3] }, "64")).toMatch(
      /^Reshape to \[-1,3\] needs a multiple of 3 values per example/,
    );
    expect(errorFor("Reshape", { targetShape: [-1, -1] }, "64")).toMatch(/only one -1/);
  });

  it("a window larger than what is left", () => {
    expect(errorFor("MaxPooling2D", {}, "1x1x8")).toBe(
      "MaxPooling2D with pool size [2,2] cannot shrink [null,1,1,8] any further; remove it or use padding 'same'.",
    );
    expect(errorFor("MaxPooling2D", { padding: "same" }, "1x1x8")).toBeUndefined();
    expect(errorFor("Conv2D", {}, "2x2x8")).toBe(
      "Conv2D with kernel size [3,3] cannot shrink [null,2,2,8] any further; use a smaller kernel size, remove it or use padding 'same'.",
    );
    expect(errorFor("MaxPooling1D", { poolSize: 4 }, "3x2")).toMatch(/pool size 4 cannot shrink/);
  });

  it("parameters out of range", () => {
    expect(errorFor("Conv2D", { kernelSize: [3] }, "8x8x1")).toMatch(/two whole numbers/);
    expect(errorFor("Conv2D", { filters: 0 }, "8x8x1")).toMatch(/filters must be .* at least 1/);
    expect(errorFor("Dense", { l2: -1 }, "4")).toMatch(/l2 must be between 0 and 1/);
    expect(errorFor("Dense", { kernelInitializer: "nope" }, "4")).toMatch(/one of glorotUniform/);
    expect(errorFor("Bidirectional", { mergeMode: "max" }, "4x2")).toMatch(/merge mode/);
  });
});
