/**
 * Test support (Node only): a small PNG reader, and the shared digits zip decoded the way the data
 * worker decodes it (resized into squares with a fit), for tests that need real pictures.
 */
import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { buildImageDataset, type SquareDecoder } from "../../src/core/data/images/build";
import { resizeToSquare } from "../../src/core/data/images/fit";
import type { ImageDataset, ImageFit } from "../../src/core/data/images/types";
import { readZipImages } from "../../src/core/data/images/zip";

/** A small PNG reader for tests (8-bit, non-interlaced, gray/gray+alpha/RGB/RGBA): RGBA bytes. */
export function decodePng(bytes: Uint8Array): {
  rgba: Uint8ClampedArray;
  width: number;
  height: number;
} {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0) !== 0x89504e47) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = 0;
  const idat: Uint8Array[] = [];
  while (offset < bytes.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      if (data[8] !== 8 || data[12] !== 0) throw new Error("unsupported PNG");
      colourType = data[9] ?? 0;
    }
    if (type === "IDAT") idat.push(data);
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType] ?? 0;
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const value = raw[y * (stride + 1) + 1 + x] ?? 0;
      const a = x >= channels ? (out[y * stride + x - channels] ?? 0) : 0;
      const b = y > 0 ? (out[(y - 1) * stride + x] ?? 0) : 0;
      const c = x >= channels && y > 0 ? (out[(y - 1) * stride + x - channels] ?? 0) : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter ?? 0] ?? 0;
      out[y * stride + x] = (value + predictor) & 255;
    }
  }
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const px = out.subarray(i * channels, i * channels + channels);
    const [r, g, b, alpha] =
      channels === 1
        ? [px[0], px[0], px[0], 255]
        : channels === 2
          ? [px[0], px[0], px[0], px[1]]
          : channels === 3
            ? [px[0], px[1], px[2], 255]
            : [px[0], px[1], px[2], px[3]];
    rgba.set([r ?? 0, g ?? 0, b ?? 0, alpha ?? 255], i * 4);
  }
  return { rgba, width, height };
}

/** Decodes PNGs and resizes them as the data worker does (createImageBitmap aside). */
export const pngDecoder: SquareDecoder = async (bytes, size, fit) => {
  const { rgba, width, height } = decodePng(bytes);
  return resizeToSquare(rgba, width, height, size, fit);
};

/**
 * The 600 digits of tests/fixtures/digits-png.zip (32×32 grayscale, 10 classes), or those whose
 * class folder passes `keep`.
 */
export async function loadDigits(
  options: { keep?: (path: string) => boolean; fit?: ImageFit } = {},
): Promise<ImageDataset> {
  const zip = readFileSync(new URL("../fixtures/digits-png.zip", import.meta.url));
  const files = readZipImages(new Uint8Array(zip))
    .files.map((f) => ({ path: f.name, bytes: f.bytes }))
    .filter((f) => options.keep?.(f.path) ?? true);
  const result = await buildImageDataset(
    files,
    { size: null, channels: null, fit: options.fit ?? "pad", sourceName: "digits-png.zip" },
    pngDecoder,
  );
  if (!result.ok) throw new Error(result.problem);
  return result.dataset;
}
