/**
 * Sample pictures of an image model: a few test pictures kept with the TrainedModel (label and
 * bytes), so try-it, the model card's example request and a shared link have real pictures to show
 * after the dataset is gone. The bytes travel as base64 text so that every form the model takes
 * (JSON in a bundle, a link, IndexedDB) carries them unchanged.
 */
import type { ImageChannels } from "../data/images/types";

/** How many test pictures a TrainedModel keeps (the first ones of the test split). */
export const MAX_SAMPLE_IMAGES = 8;

/**
 * One picture as the model's input expects it before scaling: `shape` is [H, W, C] and `pixels`
 * the base64 of H × W × C bytes (0–255, row-major [H, W, C]), exactly what training fed the network
 * (divided by 255). `label` is the class the picture belongs to.
 */
export interface SampleImage {
  label: string;
  shape: [number, number, ImageChannels];
  pixels: string;
}

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) INDEX[ALPHABET.charCodeAt(i)] = i;

/** Bytes → standard base64 (RFC 4648 §4, with padding). */
export function bytesToBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += 3 * 4096) {
    let chunk = "";
    const end = Math.min(bytes.length, start + 3 * 4096);
    for (let i = start; i < end; i += 3) {
      const left = end - i;
      const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
      chunk +=
        ALPHABET[(n >> 18) & 63]! +
        ALPHABET[(n >> 12) & 63]! +
        (left > 1 ? ALPHABET[(n >> 6) & 63]! : "=") +
        (left > 2 ? ALPHABET[n & 63]! : "=");
    }
    parts.push(chunk);
  }
  return parts.join("");
}

/** Standard base64 → bytes, or null when the text is not base64. */
export function base64ToBytes(text: string): Uint8Array | null {
  if (text.length % 4 !== 0) return null;
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - padding);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const code = text.charCodeAt(i + k);
      const isPad = code === 61 && i + k >= text.length - padding;
      const digit = isPad ? 0 : code < 128 ? INDEX[code]! : -1;
      if (digit < 0) return null;
      n = (n << 6) | digit;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** A SampleImage from one picture's bytes ([H, W, C], 0–255). */
export function sampleImageOf(
  label: string,
  shape: [number, number, ImageChannels],
  pixels: Uint8Array,
): SampleImage {
  const expected = shape[0] * shape[1] * shape[2];
  if (pixels.length !== expected) {
    throw new Error(`A ${shape.join("×")} picture needs ${expected} bytes, not ${pixels.length}.`);
  }
  return { label, shape: [...shape], pixels: bytesToBase64(pixels) };
}

/** The picture's bytes, [H, W, C] row-major, 0–255 (the schema has checked the length on read). */
export function sampleImagePixels(sample: SampleImage): Uint8Array {
  const bytes = base64ToBytes(sample.pixels);
  if (!bytes) throw new Error(`The sample picture of “${sample.label}” is not valid base64.`);
  return bytes;
}

/**
 * The first `MAX_SAMPLE_IMAGES` pictures of a split: `pixels` [rows, H, W, C] bytes, `classes` the
 * class index per picture, `classNames` their names.
 */
export function sampleImagesOf(
  pixels: Uint8Array,
  classes: ArrayLike<number>,
  shape: [number, number, ImageChannels],
  classNames: string[],
): SampleImage[] {
  const size = shape[0] * shape[1] * shape[2];
  const count = Math.min(MAX_SAMPLE_IMAGES, classes.length, Math.floor(pixels.length / size));
  return Array.from({ length: count }, (_, i) =>
    sampleImageOf(
      classNames[classes[i] as number] ?? String(classes[i]),
      shape,
      pixels.subarray(i * size, (i + 1) * size),
    ),
  );
}
