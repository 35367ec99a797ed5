import { imageDimensions } from "./dimensions";
import { isGrayscaleRgba, MAX_SOURCE_PIXELS, proposedSize, rgbaToChannels } from "./fit";
import { describeLoosePictures, describeSkipped, imageDatasetProblem, labelPaths } from "./labels";
import type { ImageChannels, ImageDataset, ImageFit } from "./types";

/**
 * Turns named picture files into an ImageDataset: labels from paths, sizes from headers (huge
 * pictures refused unread), decoding through `decode` (a canvas in the data worker, a pure decoder in
 * tests), colour detection, and a report of what was skipped. Pure apart from `decode`.
 */

/** Decodes a picture and draws it into a size×size square with `fit`: RGBA bytes [size, size, 4]. */
export type SquareDecoder = (
  bytes: Uint8Array,
  size: number,
  fit: ImageFit,
) => Promise<Uint8ClampedArray>;

export interface ImageLoadOptions {
  /** Square side; null proposes one from the pictures (median side within 32–224). */
  size: number | null;
  /** null detects: grayscale when every picture is. */
  channels: ImageChannels | null;
  fit: ImageFit;
  /** What was dropped, for the summary. */
  sourceName: string;
  /** Names of entries skipped before this step (a zip's non-images), reported with the rest. */
  skippedBefore?: string[];
}

export type ImageBuildResult = { ok: true; dataset: ImageDataset } | { ok: false; problem: string };

/** Called after each picture: done of total. */
export type ImageProgress = (done: number, total: number) => void;

function listNames(names: string[]): string {
  const shown = names.slice(0, 5).join(", ");
  return names.length > 5 ? `${shown} and ${names.length - 5} more` : shown;
}

/**
 * Builds the dataset. Throws an AbortError DOMException when `signal` aborts (checked between
 * pictures). Returns a problem (for role="alert") when no usable dataset remains: no images, one
 * class, a class with a single image.
 */
export async function buildImageDataset(
  files: Array<{ path: string; bytes: Uint8Array }>,
  options: ImageLoadOptions,
  decode: SquareDecoder,
  onProgress: ImageProgress = () => {},
  signal?: AbortSignal,
): Promise<ImageBuildResult> {
  const labelled = labelPaths(files.map((f) => f.path));
  const bytesOf = new Map(files.map((f) => [f.path, f.bytes]));
  const notes: string[] = [];
  const notImages = [
    ...(options.skippedBefore ?? []),
    ...labelled.skipped.filter((s) => s.reason === "not-an-image").map((s) => s.path),
  ];
  const skippedNote = describeSkipped(notImages.map((path) => ({ path, reason: "not-an-image" })));
  if (skippedNote) notes.push(skippedNote);
  // Pictures in no folder have no class: said apart, with the layout that works.
  const loose = labelled.skipped.filter((s) => s.reason === "no-folder").map((s) => s.path);
  if (labelled.images.length === 0 && loose.length > 0) {
    return { ok: false, problem: describeLoosePictures(loose, true) ?? "" };
  }
  const looseNote = describeLoosePictures(loose, false);
  if (looseNote) notes.push(looseNote);

  const tooLarge: string[] = [];
  const sides: number[] = [];
  const candidates = labelled.images.filter(({ path }) => {
    const dims = imageDimensions(bytesOf.get(path) ?? new Uint8Array());
    if (dims && dims.width * dims.height > MAX_SOURCE_PIXELS) {
      tooLarge.push(`${path} (${dims.width}×${dims.height})`);
      return false;
    }
    if (dims) sides.push(Math.min(dims.width, dims.height));
    return true;
  });
  if (tooLarge.length > 0) {
    notes.push(
      `${tooLarge.length} ${tooLarge.length === 1 ? "picture is" : "pictures are"} over ${MAX_SOURCE_PIXELS / 1e6} megapixels and ${tooLarge.length === 1 ? "was" : "were"} skipped: ${listNames(tooLarge)}. Shrink them first.`,
    );
  }
  const size = options.size ?? proposedSize(sides);

  const decoded: Array<{ path: string; label: string; rgba: Uint8ClampedArray }> = [];
  const unreadable: string[] = [];
  for (const [i, image] of candidates.entries()) {
    if (signal?.aborted) throw new DOMException("cancelled", "AbortError");
    try {
      const rgba = await decode(bytesOf.get(image.path) ?? new Uint8Array(), size, options.fit);
      decoded.push({ ...image, rgba });
    } catch {
      unreadable.push(image.path);
    }
    onProgress(i + 1, candidates.length);
  }
  if (unreadable.length > 0) {
    notes.push(
      `${unreadable.length} ${unreadable.length === 1 ? "file" : "files"} could not be read: ${listNames(unreadable)}.`,
    );
  }

  const kept = labelPaths(decoded.map((d) => d.path));
  const problem = imageDatasetProblem(kept);
  if (problem) return { ok: false, problem: [problem, ...notes].join(" ") };

  const channels: ImageChannels =
    options.channels ?? (decoded.every((d) => isGrayscaleRgba(d.rgba)) ? 1 : 3);
  const perImage = size * size * channels;
  const pixels = new Uint8Array(decoded.length * perImage);
  const labels = new Int32Array(decoded.length);
  const classIndex = new Map(kept.classNames.map((name, i) => [name, i]));
  decoded.forEach((d, i) => {
    pixels.set(rgbaToChannels(d.rgba, channels), i * perImage);
    labels[i] = classIndex.get(d.label) ?? 0;
  });
  return {
    ok: true,
    dataset: {
      version: 1,
      sourceName: options.sourceName,
      size,
      channels,
      fit: options.fit,
      classNames: kept.classNames,
      pixels,
      labels,
      paths: decoded.map((d) => d.path),
      count: decoded.length,
      notes,
    },
  };
}

/** Images per class, in classNames order. */
export function classCounts(dataset: Pick<ImageDataset, "labels" | "classNames">): number[] {
  const counts = new Array<number>(dataset.classNames.length).fill(0);
  for (const label of dataset.labels) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/** "600 images · 3 classes". */
export function describeImageDataset(dataset: Pick<ImageDataset, "count" | "classNames">): string {
  return `${dataset.count} ${dataset.count === 1 ? "image" : "images"} · ${dataset.classNames.length} classes`;
}
