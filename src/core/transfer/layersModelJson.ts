import { z } from "zod";
import type { StoredTensor } from "../train/types";

/**
 * A tf.js model.json from outside (a URL, files, a bundle's tfjs/ folder): checked with zod, its
 * weights' size worked out from the manifest before any shard is fetched, and its shards decoded into
 * named StoredTensors.
 */

/** Pretrained models past this many bytes of weights are refused before their shards are fetched. */
export const MAX_PRETRAINED_BYTES = 256 * 1024 * 1024;

const weightSpecSchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(["float32", "int32", "bool", "string", "complex64"]),
  quantization: z.unknown().optional(),
});

const weightsGroupSchema = z.object({
  paths: z.array(z.string().min(1)).min(1),
  weights: z.array(weightSpecSchema),
});

export const modelJsonSchema = z.object({
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(weightsGroupSchema).min(1),
  /** tf.js keeps whatever a model's maker adds here; the studio reads `modelStudio.pictures`. */
  userDefinedMetadata: z.record(z.string(), z.unknown()).optional(),
});

const backbonePicturesSchema = z.object({
  fit: z.enum(["stretch", "crop", "pad"]),
  channels: z.union([z.literal(1), z.literal(3)]),
});

/** How the pictures a backbone learned from were made: fitted to its square, in this colour. */
export type BackbonePictures = z.infer<typeof backbonePicturesSchema>;

/**
 * The pictures a backbone learned from, as its model.json records them
 * (`userDefinedMetadata.modelStudio.pictures: { fit, channels }`), or null when it does not say
 * (most models do not; anything malformed counts as not saying).
 */
export function backbonePicturesOf(modelJson: ModelJson): BackbonePictures | null {
  const studio = modelJson.userDefinedMetadata?.modelStudio as { pictures?: unknown } | undefined;
  const parsed = backbonePicturesSchema.safeParse(studio?.pictures);
  return parsed.success ? parsed.data : null;
}

export type ModelJson = z.infer<typeof modelJsonSchema>;
export type WeightSpec = z.infer<typeof weightSpecSchema>;

/** A problem with a pretrained model that the person can act on; the message says what to do. */
export class PretrainedError extends Error {
  override name = "PretrainedError";
}

/** Parses model.json text; throws PretrainedError when it is not a tf.js model. */
export function parseModelJson(text: string): ModelJson {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new PretrainedError(
      "This is not a tf.js model: model.json is not JSON. Give the address of a model.json file.",
    );
  }
  const parsed = modelJsonSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new PretrainedError(
      `This is not a tf.js model: model.json has no valid ${issue ? issue.path.join(".") || "content" : "content"} (it needs modelTopology and weightsManifest).`,
    );
  }
  if (parsed.data.format === "graph-model") {
    throw new PretrainedError(
      "This is a tf.js graph model (a frozen TensorFlow graph): its layers cannot be read, cut or fine-tuned. Use a Layers model (format layers-model), such as one exported from Keras or from this studio.",
    );
  }
  return parsed.data;
}

/** Bytes one weight takes as stored: 4 per float32/int32 value, 1 per uint8, 2 per uint16/float16. */
function storedBytes(spec: WeightSpec): number {
  const values = spec.shape.reduce((n, d) => n * d, 1);
  const quantization = spec.quantization as { dtype?: string } | undefined;
  if (quantization?.dtype === "uint8") return values;
  if (quantization?.dtype === "uint16" || quantization?.dtype === "float16") return values * 2;
  return spec.dtype === "bool" ? values : values * 4;
}

/** Total bytes of all shards as the manifest describes them, and the shard paths in order. */
export function manifestSize(modelJson: ModelJson): { bytes: number; paths: string[] } {
  let bytes = 0;
  const paths: string[] = [];
  for (const group of modelJson.weightsManifest) {
    paths.push(...group.paths);
    for (const spec of group.weights) bytes += storedBytes(spec);
  }
  return { bytes, paths };
}

/** Throws PretrainedError when the weights would not fit: checked before fetching any shard. */
export function checkManifestSize(modelJson: ModelJson, limitBytes = MAX_PRETRAINED_BYTES): number {
  const { bytes } = manifestSize(modelJson);
  if (bytes > limitBytes) {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
    throw new PretrainedError(
      `This model is too large for memory here: its weights take ${mb(bytes)} (the studio takes up to ${mb(limitBytes)}). Choose a smaller model.`,
    );
  }
  return bytes;
}

/**
 * The manifest's weights read from its shards (given in `manifestSize(...).paths` order), as
 * float32 StoredTensors named as in the manifest. Quantized and non-float weights are refused.
 */
export function decodeWeights(modelJson: ModelJson, shards: Uint8Array[]): StoredTensor[] {
  const expected = manifestSize(modelJson);
  const total = shards.reduce((n, s) => n + s.length, 0);
  if (total !== expected.bytes) {
    throw new PretrainedError(
      `The weight files hold ${total} bytes but model.json describes ${expected.bytes}. Give the model.json together with all of its .bin files.`,
    );
  }
  const all = new Uint8Array(total);
  let offset = 0;
  for (const shard of shards) {
    all.set(shard, offset);
    offset += shard.length;
  }
  const out: StoredTensor[] = [];
  offset = 0;
  for (const group of modelJson.weightsManifest) {
    for (const spec of group.weights) {
      if (spec.quantization !== undefined || spec.dtype !== "float32") {
        throw new PretrainedError(
          `Weight “${spec.name}” is ${spec.quantization ? "quantized" : spec.dtype}; the studio reads float32 weights only.`,
        );
      }
      const count = spec.shape.reduce((n, d) => n * d, 1);
      const values = new Float32Array(all.slice(offset, offset + count * 4).buffer);
      out.push({ name: spec.name, shape: spec.shape.slice(), values });
      offset += count * 4;
    }
  }
  return out;
}
