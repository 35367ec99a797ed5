import { z } from "zod";
import { runMigrations, type MigrationSteps } from "../migrate";
import type { SameType } from "../sameType";

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
  version: typeof MODEL_SPEC_VERSION;
  /** Ids of InputLayer nodes, in the order the model takes its inputs. */
  inputs: string[];
  nodes: LayerNode[];
  edges: Edge[];
  /** Ids of the nodes whose outputs are the model's outputs. */
  outputs: string[];
}

/** The ModelSpec format this studio writes; older ones are upgraded by MODEL_SPEC_MIGRATIONS. */
export const MODEL_SPEC_VERSION = 1;

/**
 * Upgrade steps, keyed by the version they upgrade FROM (none yet: version 1 is the first). When
 * the format changes: bump MODEL_SPEC_VERSION, add the step here with a test that reads an old
 * sample (model.test.ts), update the schema.
 */
export const MODEL_SPEC_MIGRATIONS: MigrationSteps = {};

const paramValueSchema = z.union([
  z.number(),
  z.string(),
  z.boolean(),
  z.array(z.number()),
  z.null(),
]);

export const modelSpecSchema = z.object({
  version: z.literal(MODEL_SPEC_VERSION),
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

// A field added to ModelSpec and not to its schema (or the reverse) fails to compile here.
const specMatchesSchema: SameType<ModelSpec, z.infer<typeof modelSpecSchema>> = true;
void specMatchesSchema;

/**
 * Reads a spec from outside (a link, a bundle, storage): upgrades older versions, then validates.
 * Throws an Error whose message says what is wrong.
 */
export function migrateModelSpec(raw: unknown, steps = MODEL_SPEC_MIGRATIONS): ModelSpec {
  const upgraded = runMigrations(raw, {
    current: MODEL_SPEC_VERSION,
    oldest: 1,
    steps,
    fail: (failure) =>
      new Error(
        failure.kind === "unreadable"
          ? `This is not a model description the studio can read (its version is ${JSON.stringify(failure.found) ?? "missing"}).`
          : failure.kind === "newer"
            ? `This model was saved by a newer version of the studio (model format version ${failure.found}; this studio reads up to ${MODEL_SPEC_VERSION}). Open it in a newer studio.`
            : failure.kind === "no-step"
              ? `No upgrade step from model format version ${failure.from}.`
              : `The upgrade step from model format version ${failure.from} failed.`,
      ),
  });
  const parsed = modelSpecSchema.safeParse(upgraded);
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
