import type * as tfTypes from "@tensorflow/tfjs";
import type { ActivationIdentifier } from "@tensorflow/tfjs-layers/dist/keras_format/activation_config";
import { numberParam, paramsWithDefaults, type InitializerName } from "./catalog";
import { analyzeGraph, inputsOf } from "./graph";
import type { RecurrentLayerType } from "./layers/recurrent";
import type { Shape } from "./shape";
import type { LayerNode, ModelSpec, ParamValue } from "./spec";

type Tf = typeof tfTypes;
type Layer = tfTypes.layers.Layer;
type Params = Record<string, ParamValue>;
type Initializer = ReturnType<Tf["initializers"]["glorotUniform"]>;
type Regularizer = ReturnType<Tf["regularizers"]["l1l2"]>;

export interface BuildOptions {
  /** Seed for weight initialisers and dropout, so that a run can be repeated exactly. */
  seed: number;
}

const num = numberParam;
const pair = (params: Params, name: string) => params[name] as [number, number];
const padding = (params: Params): "same" | "valid" =>
  params.padding === "same" ? "same" : "valid";
const activationOf = (params: Params) => String(params.activation) as ActivationIdentifier;

/** The initializer a node names, seeded where tf.js takes a seed. */
function initializerOf(tf: Tf, params: Params, seed: number): Initializer {
  const init = tf.initializers;
  const name = params.kernelInitializer as InitializerName;
  switch (name) {
    case "glorotNormal":
      return init.glorotNormal({ seed });
    case "heUniform":
      return init.heUniform({ seed });
    case "heNormal":
      return init.heNormal({ seed });
    case "leCunUniform":
      return init.leCunUniform({ seed });
    case "leCunNormal":
      return init.leCunNormal({ seed });
    case "randomUniform":
      return init.randomUniform({ minval: -0.05, maxval: 0.05, seed });
    case "randomNormal":
      return init.randomNormal({ mean: 0, stddev: 0.05, seed });
    case "truncatedNormal":
      return init.truncatedNormal({ mean: 0, stddev: 0.05, seed });
    case "zeros":
      return init.zeros();
    case "ones":
      return init.ones();
    case "glorotUniform":
      return init.glorotUniform({ seed });
  }
}

/** L1/L2 penalties on the node's main weights, or none when both are 0. */
function regularizerOf(tf: Tf, params: Params): Regularizer | undefined {
  const l1 = num(params, "l1");
  const l2 = num(params, "l2");
  return l1 > 0 || l2 > 0 ? tf.regularizers.l1l2({ l1, l2 }) : undefined;
}

/** What Dense, the convolutions and the recurrent layers share. */
function weightArgs(tf: Tf, params: Params, seed: number) {
  return {
    kernelInitializer: initializerOf(tf, params, seed),
    kernelRegularizer: regularizerOf(tf, params),
  };
}

function conv2DArgs(params: Params) {
  return {
    kernelSize: pair(params, "kernelSize"),
    strides: pair(params, "strides"),
    padding: padding(params),
    activation: activationOf(params),
    useBias: params.useBias === true,
  } as const;
}

function recurrentLayer(
  tf: Tf,
  type: RecurrentLayerType,
  params: Params,
  seed: number,
  name: string,
) {
  const args = {
    name,
    units: num(params, "units"),
    activation: activationOf(params),
    returnSequences: params.returnSequences === true,
    ...weightArgs(tf, params, seed),
    recurrentInitializer: tf.initializers.orthogonal({ seed: seed + 1 }),
  };
  if (type === "LSTM") return tf.layers.lstm(args);
  if (type === "GRU") return tf.layers.gru(args);
  return tf.layers.simpleRNN(args);
}

/** What the catalog inferred around a node. */
interface NodeShapes {
  inputs: Shape[];
  output: Shape;
}

/** Creates the tf.js layer for one node; `seed` varies between layers. */
function createLayer(tf: Tf, node: LayerNode, seed: number, shapes: NodeShapes): Layer {
  const params = paramsWithDefaults(node.type, node.params);
  const name = node.id;
  const L = tf.layers;
  switch (node.type) {
    case "Dense":
      return L.dense({
        name,
        units: num(params, "units"),
        activation: activationOf(params),
        useBias: params.useBias === true,
        ...weightArgs(tf, params, seed),
      });
    case "Activation":
      return L.activation({ name, activation: activationOf(params) });
    case "LeakyReLU":
      return L.leakyReLU({ name, alpha: num(params, "alpha") });
    case "Dropout":
      // No seed: tf.js reuses one mask for every step when a dropout seed is set.
      return L.dropout({ name, rate: num(params, "rate") });
    case "BatchNormalization":
      return L.batchNormalization({
        name,
        momentum: num(params, "momentum"),
        epsilon: num(params, "epsilon"),
      });
    case "LayerNormalization":
      return L.layerNormalization({ name, epsilon: num(params, "epsilon") });
    case "Flatten":
    case "Reshape": {
      // The -1 worked out (tf.js would leave that size unknown, and Dense after it would fail);
      // and a Flatten of a 2-D input, which tf.js's Flatten refuses, as the no-op it is.
      const targetShape = shapes.output.slice(1) as number[];
      const flat = node.type === "Flatten" && (shapes.inputs[0]?.length ?? 0) > 2;
      return flat ? L.flatten({ name }) : L.reshape({ name, targetShape });
    }
    case "UpSampling2D":
      return L.upSampling2d({
        name,
        size: pair(params, "size"),
        interpolation: params.interpolation === "bilinear" ? "bilinear" : "nearest",
      });
    case "Conv1D":
      return L.conv1d({
        name,
        filters: num(params, "filters"),
        kernelSize: num(params, "kernelSize"),
        strides: num(params, "strides"),
        padding: padding(params),
        activation: activationOf(params),
        useBias: params.useBias === true,
        ...weightArgs(tf, params, seed),
      });
    case "Conv2D":
      return L.conv2d({
        name,
        filters: num(params, "filters"),
        ...conv2DArgs(params),
        ...weightArgs(tf, params, seed),
      });
    case "SeparableConv2D":
      return L.separableConv2d({
        name,
        filters: num(params, "filters"),
        depthMultiplier: num(params, "depthMultiplier"),
        ...conv2DArgs(params),
        depthwiseInitializer: initializerOf(tf, params, seed),
        pointwiseInitializer: initializerOf(tf, params, seed + 1),
        depthwiseRegularizer: regularizerOf(tf, params),
        pointwiseRegularizer: regularizerOf(tf, params),
      });
    case "DepthwiseConv2D":
      return L.depthwiseConv2d({
        name,
        depthMultiplier: num(params, "depthMultiplier"),
        ...conv2DArgs(params),
        depthwiseInitializer: initializerOf(tf, params, seed),
        depthwiseRegularizer: regularizerOf(tf, params),
      });
    case "MaxPooling1D":
      return L.maxPooling1d({
        name,
        poolSize: num(params, "poolSize"),
        strides: params.strides === null ? num(params, "poolSize") : num(params, "strides"),
        padding: padding(params),
      });
    case "MaxPooling2D":
    case "AveragePooling2D": {
      const args = {
        name,
        poolSize: pair(params, "poolSize"),
        strides: params.strides === null ? pair(params, "poolSize") : pair(params, "strides"),
        padding: padding(params),
      };
      return node.type === "MaxPooling2D" ? L.maxPooling2d(args) : L.averagePooling2d(args);
    }
    case "GlobalAveragePooling1D":
      return L.globalAveragePooling1d({ name });
    case "GlobalAveragePooling2D":
      return L.globalAveragePooling2d({ name });
    case "GlobalMaxPooling2D":
      return L.globalMaxPooling2d({ name });
    case "Embedding":
      return L.embedding({
        name,
        inputDim: num(params, "inputDim"),
        outputDim: num(params, "outputDim"),
        embeddingsInitializer: initializerOf(tf, params, seed),
        embeddingsRegularizer: regularizerOf(tf, params),
      });
    case "SimpleRNN":
    case "LSTM":
    case "GRU":
      return recurrentLayer(tf, node.type, params, seed, name);
    case "Bidirectional": {
      const type = params.layer as RecurrentLayerType;
      return L.bidirectional({
        name,
        // Both directions start from the same seeded weights: tf.js clones the wrapped layer.
        layer: recurrentLayer(tf, type, params, seed, `${name}_${type.toLowerCase()}`),
        mergeMode: params.mergeMode as "concat" | "sum" | "mul" | "ave",
      });
    }
    case "Add":
      return L.add({ name });
    case "Multiply":
      return L.multiply({ name });
    case "Concatenate": {
      // tf.js's concatenation treats every negative axis as -1; count from the front instead.
      const axis = num(params, "axis");
      const rank = shapes.inputs[0]?.length ?? 0;
      return L.concatenate({ name, axis: axis < 0 ? rank + axis : axis });
    }
    case "InputLayer":
      throw new Error("InputLayer is created through tf.input.");
  }
}

function inputShapeOf(node: LayerNode): number[] {
  const shape = node.params.shape;
  if (!Array.isArray(shape)) throw new Error(`Input “${node.id}” has no shape.`);
  return shape;
}

/**
 * Turns a valid ModelSpec into a tf.js model: a chain becomes `tf.sequential`, any other graph a
 * functional `tf.model`. Layers are named after their node ids. Throws when the spec has problems
 * (check `analyzeGraph(spec).problems` first to show them).
 */
export function buildModel(tf: Tf, spec: ModelSpec, options: BuildOptions): tfTypes.LayersModel {
  const analysis = analyzeGraph(spec);
  if (!analysis.isValid) {
    const first = analysis.problems[0];
    throw new Error(`The model cannot be built: ${first?.message ?? "it has problems"}`);
  }
  const byId = new Map(spec.nodes.map((node) => [node.id, node]));
  const shapesOf = (id: string): NodeShapes => ({
    inputs: inputsOf(spec, id).map((inputId) => analysis.nodes[inputId]?.shape ?? []),
    output: analysis.nodes[id]?.shape ?? [],
  });
  const seedOf = (index: number) => (options.seed * 7919 + index * 104729) % 2147483647;

  const isChain =
    spec.inputs.length === 1 &&
    spec.outputs.length === 1 &&
    spec.nodes.every(
      (node) =>
        spec.edges.filter((e) => e.to === node.id).length <= 1 &&
        spec.edges.filter((e) => e.from === node.id).length <= 1,
    );

  if (isChain) {
    const model = tf.sequential();
    let first = true;
    analysis.order.forEach((id, index) => {
      const node = byId.get(id);
      if (!node || node.type === "InputLayer") return;
      const layer = createLayer(tf, node, seedOf(index), shapesOf(id));
      if (first) {
        const inputNode = byId.get(spec.inputs[0] ?? "");
        if (!inputNode) throw new Error("The model has no input.");
        model.add(
          tf.layers.inputLayer({ name: inputNode.id, inputShape: inputShapeOf(inputNode) }),
        );
        first = false;
      }
      model.add(layer);
    });
    return model;
  }

  const tensors = new Map<string, tfTypes.SymbolicTensor>();
  analysis.order.forEach((id, index) => {
    const node = byId.get(id);
    if (!node) return;
    if (node.type === "InputLayer") {
      tensors.set(id, tf.input({ name: id, shape: inputShapeOf(node) }));
      return;
    }
    const inputs = inputsOf(spec, id).map((inputId) => {
      const tensor = tensors.get(inputId);
      if (!tensor) throw new Error(`Layer “${id}” is built before its input “${inputId}”.`);
      return tensor;
    });
    const layer = createLayer(tf, node, seedOf(index), shapesOf(id));
    const output = layer.apply(
      inputs.length === 1 ? (inputs[0] as tfTypes.SymbolicTensor) : inputs,
    ) as tfTypes.SymbolicTensor;
    tensors.set(id, output);
  });
  const pick = (ids: string[]) =>
    ids.map((id) => {
      const tensor = tensors.get(id);
      if (!tensor) throw new Error(`Layer “${id}” was not built.`);
      return tensor;
    });
  return tf.model({ inputs: pick(spec.inputs), outputs: pick(spec.outputs) });
}
