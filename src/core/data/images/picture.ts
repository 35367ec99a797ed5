import type { SquareDecoder } from "./build";
import { imageDimensions } from "./dimensions";
import { MAX_SOURCE_PIXELS, rgbaToChannels } from "./fit";
import type { ImagePreprocessing } from "./types";

/**
 * One picture for try-it, made exactly as the dataset's pictures were: the same size, fit and
 * channels (the model's ImagePreprocessing), through the same SquareDecoder, so the model sees a
 * new picture as it saw its training pictures.
 */

export type PictureResult =
  | { ok: true; pixels: Uint8Array; width: number | null; height: number | null }
  | { ok: false; problem: string };

/**
 * Decodes `bytes` (a file named `name`) into bytes [size, size, channels] of `image`. A picture
 * over MAX_SOURCE_PIXELS is refused from its header; anything the decoder cannot read gets a
 * problem saying what to choose instead. Never throws for bad input.
 */
export async function decodePicture(
  bytes: Uint8Array,
  name: string,
  image: Pick<ImagePreprocessing, "size" | "channels" | "fit">,
  decode: SquareDecoder,
): Promise<PictureResult> {
  const choose = "Choose a PNG, JPEG, WebP, GIF or BMP file.";
  const unreadable = `“${name}” is not a picture this browser can read. ${choose}`;
  if (bytes.length === 0) return { ok: false, problem: `“${name}” is empty. ${choose}` };
  const dims = imageDimensions(bytes);
  if (dims && dims.width * dims.height > MAX_SOURCE_PIXELS) {
    return {
      ok: false,
      problem: `“${name}” is ${dims.width}×${dims.height} pixels, over ${MAX_SOURCE_PIXELS / 1e6} megapixels. Shrink it first.`,
    };
  }
  let rgba: Uint8ClampedArray;
  try {
    rgba = await decode(bytes, image.size, image.fit);
  } catch {
    return { ok: false, problem: unreadable };
  }
  if (rgba.length !== image.size * image.size * 4) return { ok: false, problem: unreadable };
  return {
    ok: true,
    pixels: rgbaToChannels(rgba, image.channels),
    width: dims?.width ?? null,
    height: dims?.height ?? null,
  };
}
