import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { buildImageDataset, classCounts, describeImageDataset, type SquareDecoder } from "./build";
import { resizeToSquare } from "./fit";
import { readZipImages } from "./zip";

/** A small PNG reader for tests (8-bit, non-interlaced, gray/gray+alpha/RGB/RGBA): RGBA bytes. */
function decodePng(bytes: Uint8Array): { rgba: Uint8ClampedArray; width: number; height: number } {
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

const decoder: SquareDecoder = async (bytes, size, fit) => {
  const { rgba, width, height } = decodePng(bytes);
  return resizeToSquare(rgba, width, height, size, fit);
};

const digits = readZipImages(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
const files = digits.files.map((f) => ({ path: f.name, bytes: f.bytes }));
/** Only zeros and ones (129 images): small sets where every class keeps several images. */
const twoClasses = files.filter((f) => /^[01]\//.test(f.path));
const options = { size: null, channels: null, fit: "pad" as const, sourceName: "digits-png.zip" };

describe("buildImageDataset", () => {
  it("builds the 600 digits as 32×32 grayscale bytes with 10 classes", async () => {
    let progress = 0;
    const result = await buildImageDataset(files, options, decoder, (done) => (progress = done));
    if (!result.ok) throw new Error(result.problem);
    const { dataset } = result;
    expect(describeImageDataset(dataset)).toBe("600 images · 10 classes");
    expect([dataset.size, dataset.channels]).toEqual([32, 1]);
    expect(dataset.pixels).toHaveLength(600 * 32 * 32);
    expect(classCounts(dataset)).toEqual([68, 61, 55, 61, 63, 59, 58, 55, 58, 62]);
    expect(progress).toBe(600);
    expect(dataset.notes).toEqual([]);
    // Digits are drawn: some pixels bright, most dark.
    const first = dataset.pixels.subarray(0, 1024);
    expect(Math.max(...first)).toBeGreaterThan(200);
  });

  it("skips and reports corrupt files and non-images, keeping the rest", async () => {
    const broken = [
      ...twoClasses.slice(0, 40),
      { path: "1/broken.png", bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
      { path: "1/notes.txt", bytes: new Uint8Array([65]) },
    ];
    const result = await buildImageDataset(broken, { ...options, size: 32 }, decoder);
    if (!result.ok) throw new Error(result.problem);
    expect(result.dataset.count).toBe(40);
    expect(result.dataset.notes).toEqual([
      "1 file is not images in a class folder and was skipped: 1/notes.txt.",
      "1 file could not be read: 1/broken.png.",
    ]);
  });

  it("refuses 12,000 × 12,000 pictures from their header, unread", async () => {
    let decoded = 0;
    const huge = new Uint8Array(files[0]?.bytes ?? []);
    new DataView(huge.buffer).setUint32(16, 12000);
    new DataView(huge.buffer).setUint32(20, 12000);
    const counting: SquareDecoder = (bytes, size, fit) => {
      decoded++;
      return decoder(bytes, size, fit);
    };
    const result = await buildImageDataset(
      [...twoClasses.slice(0, 20), { path: "1/huge.png", bytes: huge }],
      { ...options, size: 32 },
      counting,
    );
    expect(decoded).toBe(20);
    expect(result.ok && result.dataset.notes[0]).toMatch(
      /1 picture is over 50 megapixels and was skipped: 1\/huge.png \(12000×12000\)/,
    );
  });

  it("says what is wrong with one class or one image per class", async () => {
    const zeros = files.filter((f) => f.path.startsWith("0/"));
    const one = await buildImageDataset(zeros, options, decoder);
    expect(one).toEqual({ ok: false, problem: expect.stringMatching(/one class \("0"\)/) });
    const ones = [zeros[0], files.find((f) => f.path.startsWith("1/"))].filter(
      (f) => f !== undefined,
    );
    const single = await buildImageDataset(ones, options, decoder);
    expect(single.ok).toBe(false);
  });

  it("stops when cancelled", async () => {
    const controller = new AbortController();
    const pending = buildImageDataset(
      files,
      options,
      decoder,
      (done) => {
        if (done === 5) controller.abort();
      },
      controller.signal,
    );
    await expect(pending).rejects.toThrow(/cancelled/);
  });
});
