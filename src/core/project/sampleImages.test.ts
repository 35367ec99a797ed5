import { describe, expect, it } from "vitest";
import { loadDigits } from "../../../tests/support/pngTesting";
import { splitImageDataset } from "../data/images/split";
import {
  MAX_SAMPLE_IMAGES,
  base64ToBytes,
  bytesToBase64,
  sampleImageOf,
  sampleImagePixels,
  sampleImagesOf,
} from "./sampleImages";
import { sampleImageSchema } from "./trainedModelSchema";

describe("base64 of picture bytes", () => {
  it("equals Node's base64 both ways, for every length remainder", () => {
    for (const length of [0, 1, 2, 3, 4, 5, 1024, 3 * 4096 + 1]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 37 + 11) & 255);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString("base64"));
      expect(base64ToBytes(text)).toEqual(bytes);
    }
  });

  it("refuses text that is not base64", () => {
    expect(base64ToBytes("abc")).toBeNull();
    expect(base64ToBytes("ab!d")).toBeNull();
    expect(base64ToBytes("a=bc")).toBeNull();
  });
});

describe("sample pictures", () => {
  it("keeps the first test pictures of the digits with their labels and exact bytes", async () => {
    const digits = await loadDigits({ keep: (path) => /^[0-4]\//.test(path) });
    const split = splitImageDataset(digits, { train: 0.7, validation: 0.15, test: 0.15 }, 42);
    const shape = [digits.size, digits.size, digits.channels] as [number, number, 1];
    const samples = sampleImagesOf(split.test.pixels, split.test.y, shape, digits.classNames);
    expect(samples).toHaveLength(MAX_SAMPLE_IMAGES);
    samples.forEach((sample, i) => {
      const index = split.indices.test[i] as number;
      expect(sample.label).toBe(digits.classNames[digits.labels[index] as number]);
      expect(sample.shape).toEqual([32, 32, 1]);
      expect(sampleImagePixels(sample)).toEqual(
        digits.pixels.subarray(index * 1024, (index + 1) * 1024),
      );
      expect(sampleImageSchema.safeParse(sample).success).toBe(true);
    });
  });

  it("the schema refuses pixels whose size is not H × W × C", () => {
    const good = sampleImageOf("cat", [2, 2, 3], new Uint8Array(12));
    expect(sampleImageSchema.safeParse(good).success).toBe(true);
    const short = { ...good, pixels: bytesToBase64(new Uint8Array(11)) };
    const result = sampleImageSchema.safeParse(short);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe(
      "pixels hold 11 bytes but a 2×2×3 picture needs 12",
    );
    expect(sampleImageSchema.safeParse({ ...good, pixels: "!!!!" }).success).toBe(false);
    expect(sampleImageSchema.safeParse({ ...good, shape: [2, 2, 2] }).success).toBe(false);
    expect(() => sampleImageOf("cat", [2, 2, 3], new Uint8Array(5))).toThrow(/needs 12 bytes/);
  });
});
