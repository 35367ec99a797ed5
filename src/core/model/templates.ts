import type { TaskKind } from "../data/types";
import { defaultParams, type ActivationName } from "./catalog";
import { headFor } from "./fit";
import {
  MODEL_SPEC_VERSION,
  type Edge,
  type LayerNode,
  type LayerType,
  type ModelSpec,
  type ParamValue,
} from "./spec";

/** One hidden block of a multilayer perceptron. */
export interface HiddenLayerSettings {
  units: number;
  activation: ActivationName;
  /** Dropout rate after the block; 0 means no Dropout layer. */
  dropout: number;
  /** L2 penalty (weight decay) on the block's kernel; 0 = none. */
  l2?: number;
}

export interface MlpSettings {
  hidden: HiddenLayerSettings[];
  /** Insert BatchNormalization between each hidden Dense and its activation. */
  batchNorm: boolean;
}

/** What the data asks of the model's input and head. */
export interface DataShape {
  featureCount: number;
  task: TaskKind;
  /** Number of classes (classification); ignored for regression. */
  classCount: number;
  /** Training rows, when known: the proposal sizes itself to them. */
  rows?: number;
}

export const INPUT_ID = "input";
export const OUTPUT_ID = "output";

export const DEFAULT_MLP: MlpSettings = {
  hidden: [
    { units: 32, activation: "relu", dropout: 0, l2: 0.001 },
    { units: 16, activation: "relu", dropout: 0, l2: 0.001 },
  ],
  batchNorm: false,
};

/** Below this many training rows the proposal penalises weights ten times harder. */
export const SMALL_TABLE_ROWS = 1000;

/**
 * The MLP the studio proposes for this data: two hidden layers (32 and 16 units) with an L2
 * penalty of 0.001, or 0.1 below SMALL_TABLE_ROWS training rows, where a network memorises
 * easily. Measured against the linear model on the samples over 5 seeds
 * (bench/defaults-vs-linear.bench.ts). No dropout: tf.js draws dropout masks unseeded, so a
 * model with it does not repeat exactly for the same seed, nor resume to an unbroken run's weights.
 */
export function mlpSettingsFor(data: DataShape): MlpSettings {
  const small = data.rows !== undefined && data.rows < SMALL_TABLE_ROWS;
  return {
    ...DEFAULT_MLP,
    hidden: DEFAULT_MLP.hidden.map((block) => ({ ...block, l2: small ? 0.1 : 0.001 })),
  };
}

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

function inputNode(data: DataShape): LayerNode {
  return layer(INPUT_ID, "InputLayer", { shape: [Math.max(1, data.featureCount)] });
}

function headNode(data: DataShape): LayerNode {
  return layer(OUTPUT_ID, "Dense", { ...headFor(data), useBias: true });
}

/** A spec whose nodes feed each other in the order given. */
function chainSpec(nodes: LayerNode[], extraEdges: Edge[] = []): ModelSpec {
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? "", to: node.id, toIndex: 0 }));
  return {
    version: MODEL_SPEC_VERSION,
    inputs: [nodes[0]?.id ?? INPUT_ID],
    nodes,
    edges: [...edges, ...extraEdges],
    outputs: [nodes[nodes.length - 1]?.id ?? OUTPUT_ID],
  };
}

/**
 * A multilayer perceptron for a table: Input[features] → (Dense → [BatchNorm → Activation] →
 * [Dropout]) per hidden block → Dense head (softmax over the classes, or one linear unit).
 */
export function mlpSpec(settings: MlpSettings, data: DataShape): ModelSpec {
  const nodes: LayerNode[] = [inputNode(data)];
  settings.hidden.forEach((block, i) => {
    const n = i + 1;
    nodes.push(
      layer(`dense_${n}`, "Dense", {
        units: block.units,
        activation: settings.batchNorm ? "linear" : block.activation,
        useBias: !settings.batchNorm,
        ...(block.l2 ? { l2: block.l2 } : {}),
      }),
    );
    if (settings.batchNorm) {
      nodes.push(layer(`batch_normalization_${n}`, "BatchNormalization"));
      nodes.push(layer(`activation_${n}`, "Activation", { activation: block.activation }));
    }
    if (block.dropout > 0) nodes.push(layer(`dropout_${n}`, "Dropout", { rate: block.dropout }));
  });
  nodes.push(headNode(data));
  return chainSpec(nodes);
}

/** The side of a square that `count` values fill, or null when they do not form a square. */
function squareSide(count: number): number | null {
  const side = Math.round(Math.sqrt(count));
  return side >= 4 && side * side === count ? side : null;
}

export type TemplateId = "mlp" | "cnn" | "cnn1d" | "lstm" | "residual";

export interface ModelTemplate {
  id: TemplateId;
  label: string;
  description: string;
  /** The template's spec for this data, or a sentence saying why it does not fit it. */
  build: (data: DataShape) => ModelSpec | string;
}

export const TEMPLATES: readonly ModelTemplate[] = [
  {
    id: "mlp",
    label: "MLP for tables",
    description: "Two fully connected hidden layers: a solid start for any table.",
    build: (data) => mlpSpec(mlpSettingsFor(data), data),
  },
  {
    id: "cnn",
    label: "Small CNN for images",
    description: "Convolution and pooling read the features as a square picture (like 8×8 digits).",
    build: (data) => {
      const side = squareSide(data.featureCount);
      if (!side) {
        return `A CNN reads pictures; these ${data.featureCount} features do not form a square image. The 1-D CNN reads them as a row of ${data.featureCount} values instead.`;
      }
      return chainSpec([
        inputNode(data),
        layer("reshape_1", "Reshape", { targetShape: [side, side, 1] }),
        layer("conv2d_1", "Conv2D", {
          filters: 16,
          kernelSize: [3, 3],
          padding: "same",
          activation: "relu",
        }),
        layer("max_pooling2d_1", "MaxPooling2D", { poolSize: [2, 2] }),
        layer("flatten_1", "Flatten"),
        layer("dense_1", "Dense", { units: 32, activation: "relu" }),
        headNode(data),
      ]);
    },
  },
  {
    id: "cnn1d",
    label: "Small 1-D CNN for feature rows",
    description:
      "Convolution slides along the features as along a sequence, for rows that are not pictures.",
    build: (data) => {
      const length = Math.max(1, data.featureCount);
      return chainSpec([
        inputNode(data),
        layer("reshape_1", "Reshape", { targetShape: [length, 1] }),
        layer("conv1d_1", "Conv1D", {
          filters: 16,
          kernelSize: Math.min(3, length),
          padding: "same",
          activation: "relu",
        }),
        layer("max_pooling1d_1", "MaxPooling1D", { poolSize: Math.min(2, length) }),
        layer("flatten_1", "Flatten"),
        layer("dense_1", "Dense", { units: 32, activation: "relu" }),
        headNode(data),
      ]);
    },
  },
  {
    id: "lstm",
    label: "LSTM for sequences",
    description:
      "Reads the features one after another as a sequence, remembering what came before.",
    build: (data) =>
      chainSpec([
        inputNode(data),
        layer("reshape_1", "Reshape", { targetShape: [Math.max(1, data.featureCount), 1] }),
        layer("lstm_1", "LSTM", { units: 32 }),
        headNode(data),
      ]),
  },
  {
    id: "residual",
    label: "Residual block",
    description:
      "A skip connection adds a block's input to its output, which helps deeper models learn.",
    build: (data) =>
      chainSpec(
        [
          inputNode(data),
          layer("dense_1", "Dense", { units: 64, activation: "relu" }),
          layer("dense_2", "Dense", { units: 64, activation: "relu" }),
          layer("dense_3", "Dense", { units: 64, activation: "linear" }),
          layer("add_1", "Add"),
          layer("activation_1", "Activation", { activation: "relu" }),
          headNode(data),
        ],
        [{ from: "dense_1", to: "add_1", toIndex: 1 }],
      ),
  },
];

/**
 * The template to offer instead when `id` does not suit the data (the 1-D CNN for a picture CNN on
 * a row that is not square), or null when there is none or `id` suits it.
 */
export function templateFallback(id: TemplateId, data: DataShape): TemplateId | null {
  const template = TEMPLATES.find((t) => t.id === id);
  if (!template || typeof template.build(data) !== "string") return null;
  return id === "cnn" ? "cnn1d" : null;
}

/** The model the studio proposes the moment a dataset is loaded. */
export function defaultModelFor(data: DataShape): ModelSpec {
  return mlpSpec(mlpSettingsFor(data), data);
}
