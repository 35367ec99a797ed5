import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SquareDecoder } from "./build";
import { decodePicture } from "./picture";
import { pngDecoder } from "../../../../tests/support/pngTesting";
import { readZipImages } from "./zip";

const digits = readZipImages(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
const seven = digits.files.find((f) => f.name.startsWith("7/"));
const image = { size: 32, channels: 1 as const, fit: "pad" as const };

describe("decodePicture", () => {
  it("makes one picture exactly as the dataset build does: size, fit and channels", async () => {
    if (!seven) throw new Error("fixture has no 7");
    const result = await decodePicture(seven.bytes, "7.png", image, pngDecoder);
    if (!result.ok) throw new Error(result.problem);
    expect(result.pixels).toHaveLength(32 * 32);
    // The same bytes as the dataset's own decoding of that file.
    const rgba = await pngDecoder(seven.bytes, 32, "pad");
    const gray = Array.from({ length: 32 * 32 }, (_, p) =>
      Math.round(0.299 * rgba[p * 4]! + 0.587 * rgba[p * 4 + 1]! + 0.114 * rgba[p * 4 + 2]!),
    );
    expect(Array.from(result.pixels)).toEqual(gray);
    expect(Math.max(...result.pixels)).toBeGreaterThan(100);
    const rgb = await decodePicture(seven.bytes, "7.png", { ...image, channels: 3 }, pngDecoder);
    expect(rgb.ok && rgb.pixels.length).toBe(32 * 32 * 3);
  });

  it("says what to choose for a file that is not a picture, an empty file, and a huge picture", async () => {
    const text = await decodePicture(
      new TextEncoder().encode("hello"),
      "notes.txt",
      image,
      pngDecoder,
    );
    expect(text).toEqual({
      ok: false,
      problem: expect.stringContaining("“notes.txt” is not a picture this browser can read"),
    });
    const empty = await decodePicture(new Uint8Array(), "e.png", image, pngDecoder);
    expect(!empty.ok && empty.problem).toContain("“e.png” is empty");
    // A PNG header claiming 12,000 × 12,000: refused without decoding.
    const header = new Uint8Array(33);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
    new DataView(header.buffer).setUint32(16, 12000);
    new DataView(header.buffer).setUint32(20, 12000);
    let decoded = false;
    const spy: SquareDecoder = (bytes, size, fit) => {
      decoded = true;
      return pngDecoder(bytes, size, fit);
    };
    const huge = await decodePicture(header, "big.png", image, spy);
    expect(!huge.ok && huge.problem).toContain("12000×12000 pixels");
    expect(decoded).toBe(false);
  });
});
