import { z } from "zod";

/**
 * ModelSpec: the JSON graph of layers that the editor edits, a share link carries and `buildModel`
 * turns into tf.js. Canvas positions live beside it, never in it.
 */

/**
 * Layer types by their tf.js class name (the UI's `data-layer-type`). The catalog (catalog.ts) holds
 * one entry per type.
 */
export const LAYER_TYPES = [
  "InputLayer",
  "Dense",
  "Activation",
  "LeakyReLU",
  "Dropout",
  "BatchNormalization",
  "LayerNormalization",
  "Flatten",
  "Reshape",
  "Conv1D",
  "Conv2D",
  "SeparableConv2D",
  "DepthwiseConv2D",
  "MaxPooling1D",
  "MaxPooling2D",
  "AveragePooling2D",
  "GlobalAveragePooling1D",
  "GlobalAveragePooling2D",
  "GlobalMaxPooling2D",
  "UpSampling2D",
  "Embedding",
  "SimpleRNN",
  "LSTM",
  "GRU",
  "Bidirectional",
  "Add",
  "Concatenate",
  "Multiply",
] as const;

export type LayerType = (typeof LAYER_TYPES)[number];

export type ParamValue = number | string | boolean | number[] | null;

export interface LayerNode {
  id: string;
  type: LayerType;
  params: Record<string, ParamValue>;
  /** false: the layer's weights stay as loaded (a frozen pretrained backbone); absent means true. */
  trainable?: boolean;
  /** The pretrained model this layer came from, e.g. "shapes-cnn": the canvas draws a group as one block. */
  group?: string;
}

/** An edge feeds `from`'s output into input number `toIndex` of `to` (ordering Concatenate & co). */
export interface Edge {
  from: string;
  to: string;
  toIndex: number;
}

export interface ModelSpec {
  version: 1;
  /** Ids of InputLayer nodes, in the order the model takes its inputs. */
  inputs: string[];
  nodes: LayerNode[];
  edges: Edge[];
  /** Ids of the nodes whose outputs are the model's outputs. */
  outputs: string[];
}

export const CURRENT_SPEC_VERSION = 1;

const paramValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.number()),
  z.null(),
]);

export const modelSpecSchema = z.object({
  version: z.literal(1),
  inputs: z.array(z.string().min(1)),
  nodes: z.array(
    z.object({
      id: z.string().min(1).max(64),
      type: z.enum(LAYER_TYPES),
      params: z.record(z.string(), paramValueSchema),
      trainable: z.boolean().optional(),
      group: z.string().min(1).max(64).optional(),
    }),
  ),
  edges: z.array(
    z.object({
      from: z.string().min(1),
      to: z.string().min(1),
      toIndex: z.number().int().min(0),
    }),
  ),
  outputs: z.array(z.string().min(1)),
});

/**
 * Reads a spec from outside (a link, a bundle, storage): upgrades older versions, then validates.
 * Throws an Error whose message says what is wrong.
 */
export function migrateModelSpec(raw: unknown): ModelSpec {
  const version =
    typeof raw === "object" && raw !== null && "version" in raw
      ? (raw as { version: unknown }).version
      : undefined;
  if (version !== CURRENT_SPEC_VERSION) {
    throw new Error(
      `This model was saved by a newer or unknown version of the studio (version ${String(version)}).`,
    );
  }
  const parsed = modelSpecSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `The model description is not valid: ${issue ? `${issue.path.join(".")}: ${issue.message}` : "unknown problem"}.`,
    );
  }
  return parsed.data;
}

/** A fresh node id like `dense_3` that the spec does not use yet. */
export function freshNodeId(spec: ModelSpec, type: LayerType): string {
  const base =
    type === "InputLayer" ? "input" : type.replace(/([a-z])([A-Z])/g, "$1_$2").toLowerCase();
  const used = new Set(spec.nodes.map((node) => node.id));
  for (let n = 1; ; n++) {
    const id = `${base}_${n}`;
    if (!used.has(id)) return id;
  }
}
