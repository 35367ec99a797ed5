import { beforeAll, describe, expect, it } from "vitest";
import { loadDigits } from "../../../tests/support/pngTesting";
import type { ImageDataset } from "../data/images/types";
import { imageDatasetHash, migrateStoredImages } from "./imageRecord";

let digits: ImageDataset;
beforeAll(async () => {
  digits = await loadDigits();
});

describe("imageDatasetHash", () => {
  it("names what the model sees: pixels, labels, settings and paths, not the source's name", async () => {
    const hash = await imageDatasetHash(digits);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(await imageDatasetHash(structuredClone(digits))).toBe(hash);
    expect(await imageDatasetHash({ ...digits, sourceName: "other.zip", notes: ["x"] })).toBe(hash);
    const labels = digits.labels.slice();
    labels[0] = (labels[0] ?? 0) === 1 ? 2 : 1;
    const changed = [
      { ...digits, labels },
      { ...digits, fit: "crop" as const },
      { ...digits, classNames: digits.classNames.map((name) => `n${name}`) },
      { ...digits, paths: digits.paths.map((path) => `x/${path}`) },
    ];
    for (const other of changed) expect(await imageDatasetHash(other)).not.toBe(hash);
  });
});

describe("migrateStoredImages", () => {
  it("passes a whole set and refuses one whose parts disagree", () => {
    const migrated = migrateStoredImages(structuredClone(digits));
    // The 614,400 pixel bytes compared as one buffer: toEqual walks them one by one, for seconds.
    expect(migrated.pixels).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(migrated.pixels).equals(Buffer.from(digits.pixels))).toBe(true);
    expect({ ...migrated, pixels: null }).toEqual({ ...digits, pixels: null });
    const labels = digits.labels.slice();
    labels[3] = 10;
    expect(() => migrateStoredImages({ ...digits, labels })).toThrow(/a label names no class/);
    expect(() => migrateStoredImages({ ...digits, paths: [] })).toThrow(/one label and path/);
    expect(() => migrateStoredImages({ ...digits, size: 9 })).toThrow(/damaged \(size/);
  });
});
