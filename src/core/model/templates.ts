import type { TaskKind } from "../data/types";
import type { ActivationName } from "./catalog";
import { inputsOf } from "./graph";
import type { Edge, LayerNode, ModelSpec } from "./spec";

/** One hidden block of a multilayer perceptron, as the simple model form edits it. */
export interface HiddenLayerSettings {
  units: number;
  activation: ActivationName;
  /** Dropout rate after the block; 0 means no Dropout layer. */
  dropout: number;
}

export interface MlpSettings {
  hidden: HiddenLayerSettings[];
  /** Insert BatchNormalization between each hidden Dense and its activation. */
  batchNorm: boolean;
}

/** What the data asks of the model's two ends. */
export interface DataShape {
  featureCount: number;
  task: TaskKind;
  /** Number of classes (classification); ignored for regression. */
  classCount: number;
}

export const INPUT_ID = "input";
export const OUTPUT_ID = "output";

export const DEFAULT_MLP: MlpSettings = {
  hidden: [
    { units: 32, activation: "relu", dropout: 0 },
    { units: 16, activation: "relu", dropout: 0 },
  ],
  batchNorm: false,
};

function headNode(data: DataShape): LayerNode {
  return data.task === "classification"
    ? {
        id: OUTPUT_ID,
        type: "Dense",
        params: { units: Math.max(data.classCount, 2), activation: "softmax", useBias: true },
      }
    : { id: OUTPUT_ID, type: "Dense", params: { units: 1, activation: "linear", useBias: true } };
}

function chain(nodes: LayerNode[]): Edge[] {
  return nodes.slice(1).map((node, i) => ({ from: nodes[i]?.id ?? "", to: node.id, toIndex: 0 }));
}

/**
 * A multilayer perceptron for a table: Input[features] → (Dense → [BatchNorm → Activation] →
 * [Dropout]) per hidden block → Dense head (softmax over the classes, or one linear unit).
 */
export function mlpSpec(settings: MlpSettings, data: DataShape): ModelSpec {
  const nodes: LayerNode[] = [
    { id: INPUT_ID, type: "InputLayer", params: { shape: [Math.max(1, data.featureCount)] } },
  ];
  settings.hidden.forEach((block, i) => {
    const n = i + 1;
    nodes.push({
      id: `dense_${n}`,
      type: "Dense",
      params: {
        units: block.units,
        activation: settings.batchNorm ? "linear" : block.activation,
        useBias: !settings.batchNorm,
      },
    });
    if (settings.batchNorm) {
      nodes.push({ id: `batch_norm_${n}`, type: "BatchNormalization", params: { momentum: 0.99 } });
      nodes.push({
        id: `activation_${n}`,
        type: "Activation",
        params: { activation: block.activation },
      });
    }
    if (block.dropout > 0) {
      nodes.push({ id: `dropout_${n}`, type: "Dropout", params: { rate: block.dropout } });
    }
  });
  nodes.push(headNode(data));
  return { version: 1, inputs: [INPUT_ID], nodes, edges: chain(nodes), outputs: [OUTPUT_ID] };
}

/** The nodes of a single-input, single-output chain in order, or null for any other graph. */
export function chainOrder(spec: ModelSpec): LayerNode[] | null {
  if (spec.inputs.length !== 1 || spec.outputs.length !== 1) return null;
  const ordered: LayerNode[] = [];
  let id: string | undefined = spec.outputs[0];
  while (id !== undefined) {
    const node = spec.nodes.find((candidate) => candidate.id === id);
    if (!node || ordered.includes(node)) return null;
    ordered.unshift(node);
    const inputs = inputsOf(spec, id);
    if (inputs.length > 1) return null;
    id = inputs[0];
  }
  return ordered.length === spec.nodes.length && ordered[0]?.id === spec.inputs[0] ? ordered : null;
}

/**
 * Reads the simple form's settings back from a spec made by `mlpSpec` (or edited the same way);
 * null when the spec is some other graph, which the form then cannot edit.
 */
export function readMlpSettings(spec: ModelSpec): MlpSettings | null {
  const nodes = chainOrder(spec);
  if (!nodes || nodes[0]?.type !== "InputLayer") return null;
  const body = nodes.slice(1, -1);
  const hidden: HiddenLayerSettings[] = [];
  let batchNorm = false;
  for (const node of body) {
    const current = hidden[hidden.length - 1];
    switch (node.type) {
      case "Dense":
        hidden.push({
          units: Number(node.params.units),
          activation: String(node.params.activation) as ActivationName,
          dropout: 0,
        });
        break;
      case "BatchNormalization":
        if (!current) return null;
        batchNorm = true;
        break;
      case "Activation":
        if (!current) return null;
        current.activation = String(node.params.activation) as ActivationName;
        break;
      case "Dropout":
        if (!current) return null;
        current.dropout = Number(node.params.rate);
        break;
      default:
        return null;
    }
  }
  return { hidden, batchNorm };
}

/**
 * Makes the spec's input follow the data's feature count and its head follow the task. Returns the
 * same object when nothing needed to change.
 */
export function fitSpecToData(spec: ModelSpec, data: DataShape): ModelSpec {
  const head = headNode(data);
  let changed = false;
  const nodes = spec.nodes.map((node) => {
    if (spec.inputs[0] === node.id && node.type === "InputLayer") {
      const shape = node.params.shape;
      if (Array.isArray(shape) && shape.length === 1 && shape[0] === data.featureCount) return node;
      changed = true;
      return { ...node, params: { ...node.params, shape: [Math.max(1, data.featureCount)] } };
    }
    if (spec.outputs[0] === node.id && node.type === "Dense") {
      if (
        node.params.units === head.params.units &&
        node.params.activation === head.params.activation
      ) {
        return node;
      }
      changed = true;
      return { ...node, params: { ...node.params, ...head.params } };
    }
    return node;
  });
  return changed ? { ...spec, nodes } : spec;
}
