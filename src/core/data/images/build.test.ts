import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildImageDataset, classCounts, describeImageDataset, type SquareDecoder } from "./build";
import { pngDecoder as decoder } from "../../../../tests/support/pngTesting";
import { readZipImages } from "./zip";

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

  it("explains loose pictures (in no class folder) with an example, alone or beside class folders", async () => {
    const loose = twoClasses.slice(0, 3).map((f) => ({ ...f, path: f.path.split("/")[1] ?? "" }));
    const alone = await buildImageDataset(loose, options, decoder);
    expect(alone).toEqual({
      ok: false,
      problem: expect.stringContaining(
        "3 pictures are in no class folder, so the studio cannot tell their classes",
      ),
    });
    expect(!alone.ok && alone.problem).toContain("for example cats/1.png, cats/2.png, dogs/1.png");
    const mixed = await buildImageDataset([...twoClasses, ...loose], options, decoder);
    expect(mixed.ok && mixed.dataset.count).toBe(twoClasses.length);
    expect(mixed.ok && mixed.dataset.notes).toEqual([
      expect.stringMatching(
        /^3 pictures are in no class folder and were skipped: .*\.png, .*\.png, .*\.png\. Put each class/,
      ),
    ]);
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
