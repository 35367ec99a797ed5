import type * as tfTypes from "@tensorflow/tfjs";
import type { ActivationIdentifier } from "@tensorflow/tfjs-layers/dist/keras_format/activation_config";
import { numberParam } from "./catalog";
import { analyzeGraph, inputsOf } from "./graph";
import type { LayerNode, ModelSpec } from "./spec";

type Tf = typeof tfTypes;
type Layer = tfTypes.layers.Layer;

export interface BuildOptions {
  /** Seed for weight initialisers and dropout, so that a run can be repeated exactly. */
  seed: number;
}

/** Creates the tf.js layer for one node; `index` varies the seed between layers. */
function createLayer(tf: Tf, node: LayerNode, seed: number): Layer {
  const { params } = node;
  const name = node.id;
  switch (node.type) {
    case "Dense":
      return tf.layers.dense({
        name,
        units: numberParam(params, "units"),
        activation: String(params.activation ?? "linear") as ActivationIdentifier,
        useBias: params.useBias !== false,
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      });
    case "Activation":
      return tf.layers.activation({
        name,
        activation: String(params.activation ?? "relu") as ActivationIdentifier,
      });
    case "Dropout":
      // No seed: tf.js reuses one mask for every step when a dropout seed is set.
      return tf.layers.dropout({ name, rate: numberParam(params, "rate") });
    case "BatchNormalization":
      return tf.layers.batchNormalization({
        name,
        momentum: typeof params.momentum === "number" ? params.momentum : 0.99,
      });
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
      const layer = createLayer(tf, node, seedOf(index));
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
    const layer = createLayer(tf, node, seedOf(index));
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
