/**
 * Import: a bundle (.zip) back into a TrainedModel. Reads `trained-model.json` (the model without
 * weight values) and takes the weights from the tf.js shard that `tfjs/model.json` lists, so the
 * weights a bundle imports are exactly the ones tf.js and the converter load. Nothing else in the
 * zip is read. Every check fails with a BundleError whose message a person can act on.
 */
import { z } from "zod";
import { analyzeGraph } from "../model/graph";
import type { TrainedModel } from "../project/trainedModel";
import {
  migrateTrainedModel,
  preprocessingSchema,
  tensorShapeSchema,
} from "../project/trainedModelSchema";
import type { StoredTensor } from "../train/types";
import { BUNDLE_FILES } from "./bundleLayout";
import { BundleError, readZipEntries, unsafeEntryName, type ZipLimits } from "./bundleZip";
import { messageOf } from "../errors";

export { BundleError } from "./bundleZip";

const weightEntrySchema = z.object({ name: z.string().min(1).max(500), shape: tensorShapeSchema });

/**
 * More weight tensors than any network the studio builds. Checked before the entries are (zod
 * checks an array's length first), so a JSON file of millions of bogus entries is refused at once.
 */
const MAX_WEIGHT_TENSORS = 10_000;

const tfjsModelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z
    .array(
      z.object({
        paths: z.array(z.string().min(1).max(200)).min(1).max(1000),
        weights: z
          .array(
            weightEntrySchema.extend({
              dtype: z.literal("float32", { error: "only float32 weights are supported" }),
            }),
          )
          .max(MAX_WEIGHT_TENSORS),
      }),
    )
    .min(1)
    .max(MAX_WEIGHT_TENSORS),
});

const trainedModelFileSchema = z.looseObject({
  weights: z.array(weightEntrySchema).max(MAX_WEIGHT_TENSORS),
});

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return "unknown problem";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

function parseJson<T>(files: Map<string, Uint8Array>, name: string, schema: z.ZodType<T>): T {
  const bytes = files.get(name);
  if (!bytes) {
    throw new BundleError(
      `The bundle has no ${name}. Was it exported by Model Studio? Export it again and load the whole .zip.`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new BundleError(`${name} in the bundle is not valid JSON; the bundle is damaged.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new BundleError(`${name} in the bundle is not valid: ${describe(parsed.error)}.`);
  }
  return parsed.data;
}

/** JSON with object keys sorted, so two objects compare by content whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

const elements = (shape: number[]) => shape.reduce((n, d) => n * d, 1);
const shapeText = (shape: number[]) => `[${shape.join(", ")}]`;

/** Concatenates the manifest's shard files (by exact name under tfjs/). */
function shardBytes(bytes: Uint8Array, paths: string[], limits: ZipLimits): Uint8Array {
  const names = paths.map((path) => {
    if (unsafeEntryName(path) || path.includes("/")) {
      throw new BundleError(
        `tfjs/model.json names an unsafe weights file “${path.slice(0, 200)}”.`,
      );
    }
    return `tfjs/${path}`;
  });
  const files = readZipEntries(bytes, names, limits);
  const parts = names.map((name) => {
    const part = files.get(name);
    if (!part) {
      throw new BundleError(
        `The bundle has no ${name}, which tfjs/model.json lists. Export the bundle again.`,
      );
    }
    return part;
  });
  const total = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    total.set(part, offset);
    offset += part.length;
  }
  return total;
}

/**
 * Reads a bundle made by `buildBundle` back into the TrainedModel it was made from (deep-equal).
 * Checks, in order: size cap (200 MB compressed and unpacked, from the sizes the zip declares),
 * zip structure, entry names (no `..`, absolute paths or backslashes), the required files, JSON
 * schemas, preprocessing.json against the model's preprocessing, weight names/shapes against the manifest, shard byte length, the spec's parameter count,
 * then `migrateTrainedModel` (version, schema, finite weights, known layer types). `limits`
 * tightens the size caps (the server's, for bundles from strangers).
 * @throws BundleError
 */
export function readBundle(bytes: Uint8Array, limits: ZipLimits = {}): TrainedModel {
  const files = readZipEntries(
    bytes,
    [BUNDLE_FILES.trainedModel, BUNDLE_FILES.tfjsModel, BUNDLE_FILES.preprocessing],
    limits,
  );
  const stored = parseJson(files, BUNDLE_FILES.trainedModel, trainedModelFileSchema);
  const modelJson = parseJson(files, BUNDLE_FILES.tfjsModel, tfjsModelJsonSchema);
  // What serving reads (image size, channels, fit, scaling; the table's transforms) must be what
  // the model was trained with: a hand-edited preprocessing.json would serve other answers.
  const preprocessing = parseJson(files, BUNDLE_FILES.preprocessing, preprocessingSchema);
  if (canonicalJson(preprocessing) !== canonicalJson(stored.preprocessing)) {
    throw new BundleError(
      `${BUNDLE_FILES.preprocessing} does not match the model's own preprocessing in ${BUNDLE_FILES.trainedModel}; the bundle was edited. Export it again.`,
    );
  }
  const manifest = modelJson.weightsManifest.flatMap((group) => group.weights);
  const data = shardBytes(
    bytes,
    modelJson.weightsManifest.flatMap((group) => group.paths),
    limits,
  );

  if (manifest.length !== stored.weights.length) {
    throw new BundleError(
      `tfjs/model.json lists ${manifest.length} weights but trained-model.json ${stored.weights.length}; the bundle is inconsistent. Export it again.`,
    );
  }
  const expectedBytes = manifest.reduce((n, w) => n + elements(w.shape) * 4, 0);
  if (data.length !== expectedBytes) {
    throw new BundleError(
      `The weights file holds ${data.length} bytes but tfjs/model.json describes ${expectedBytes}; the bundle is damaged or was edited. Export it again.`,
    );
  }
  let offset = 0;
  const weights: StoredTensor[] = manifest.map((entry, i) => {
    const listed = stored.weights[i] as z.infer<typeof weightEntrySchema>;
    if (listed.name !== entry.name || shapeText(listed.shape) !== shapeText(entry.shape)) {
      throw new BundleError(
        `Weight ${i} is ${entry.name} ${shapeText(entry.shape)} in tfjs/model.json but ${listed.name} ${shapeText(listed.shape)} in trained-model.json; the bundle is inconsistent.`,
      );
    }
    const length = elements(entry.shape);
    // slice() copies into a fresh, aligned buffer (the shard offset may not be a multiple of 4).
    const values = new Float32Array(data.slice(offset, offset + length * 4).buffer);
    offset += length * 4;
    return { name: entry.name, shape: entry.shape, values };
  });

  let model: TrainedModel;
  try {
    model = migrateTrainedModel({ ...stored, weights });
  } catch (error) {
    throw new BundleError(messageOf(error));
  }
  const analysis = analyzeGraph(model.spec);
  if (!analysis.isValid) {
    throw new BundleError(
      `The bundle's model cannot be built: ${analysis.problems[0]?.message ?? "it has problems"}`,
    );
  }
  const held = weights.reduce((n, w) => n + w.values.length, 0);
  if (held !== analysis.totalParams) {
    throw new BundleError(
      `The weights do not fit the model: it needs ${analysis.totalParams} numbers and the bundle holds ${held}. Export the bundle again.`,
    );
  }
  return model;
}
