import { z } from "zod";
import { MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, type ImageDataset } from "../data/images/types";
import { sha256Hex } from "./contentHash";

/**
 * An image dataset as projects keep it: the decoded pixels the model trained on, with labels, class
 * names, size/channels/fit, file paths and the skipped-files report. Stored once under
 * `imageDatasetHash` so two projects on the same pictures (same settings) share one copy.
 */

/** Most pictures one stored dataset may hold (a guard on what a damaged record claims). */
const MAX_STORED_IMAGES = 1_000_000;

const storedImagesSchema = z
  .object({
    version: z.literal(1),
    sourceName: z.string().max(1_000),
    size: z.number().int().min(MIN_IMAGE_SIZE).max(MAX_IMAGE_SIZE),
    channels: z.union([z.literal(1), z.literal(3)]),
    fit: z.enum(["stretch", "crop", "pad"]),
    classNames: z.array(z.string().max(1_000)).min(2).max(10_000),
    pixels: z.instanceof(Uint8Array),
    labels: z.instanceof(Int32Array),
    paths: z.array(z.string().max(10_000)),
    count: z.number().int().min(1).max(MAX_STORED_IMAGES),
    notes: z.array(z.string().max(100_000)),
  })
  .superRefine((d, context) => {
    const perImage = d.size * d.size * d.channels;
    if (d.pixels.length !== d.count * perImage)
      context.addIssue({
        code: "custom",
        path: ["pixels"],
        message: `holds ${d.pixels.length} bytes, not ${d.count} × ${d.size}×${d.size}×${d.channels}`,
      });
    if (d.labels.length !== d.count || d.paths.length !== d.count)
      context.addIssue({
        code: "custom",
        path: ["labels"],
        message: "one label and path per image",
      });
    if (d.labels.some((label) => label < 0 || label >= d.classNames.length))
      context.addIssue({ code: "custom", path: ["labels"], message: "a label names no class" });
  });

/** A stored image dataset that fails its schema, with what is wrong. */
export class StoredImagesError extends Error {
  override name = "StoredImagesError";
}

/** Checks an image dataset read from storage (the one door it comes in through). */
export function migrateStoredImages(raw: unknown): ImageDataset {
  const parsed = storedImagesSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StoredImagesError(
      `The stored pictures are damaged (${issue?.path.map(String).join(".") ?? ""}: ${issue?.message ?? "unknown problem"}). Drop the pictures again in the Data section.`,
    );
  }
  return parsed.data as ImageDataset;
}

const bytesOf = (array: ArrayBufferView) =>
  new Uint8Array(array.buffer, array.byteOffset, array.byteLength);

/**
 * The content hash of an image dataset (64 hex digits): SHA-256 over what the model sees, i.e. the
 * size, channels, fit, class names and paths, then the SHA-256 of the pixels [N, H, W, C] and of the
 * labels. Hashing the parts apart keeps a 245 MB dataset from being copied into one buffer. The
 * source name and skipped-files notes are not part of it: they do not change what is trained on.
 */
export async function imageDatasetHash(dataset: ImageDataset): Promise<string> {
  const header = JSON.stringify([
    "images",
    dataset.version,
    dataset.size,
    dataset.channels,
    dataset.fit,
    dataset.classNames,
    dataset.paths,
  ]);
  const [pixels, labels] = await Promise.all([
    sha256Hex(dataset.pixels),
    sha256Hex(bytesOf(dataset.labels)),
  ]);
  return sha256Hex(new TextEncoder().encode(`${header}\n${pixels}\n${labels}`));
}
