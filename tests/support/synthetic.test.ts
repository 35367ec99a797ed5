import { unzlibSync } from "fflate";
import { describe, expect, it } from "vitest";
import { encodePng } from "../../src/core/data/images/png";
import { insideShape, SHAPE_KINDS, syntheticShapeSet } from "./synthetic";

describe("synthetic shape pictures", () => {
  it("are the same bytes for the same seed and differ for another", () => {
    const a = syntheticShapeSet(["circle", "star"], 3, 32, 9);
    const b = syntheticShapeSet(["circle", "star"], 3, 32, 9);
    const c = syntheticShapeSet(["circle", "star"], 3, 32, 10);
    expect(a.pixels).toEqual(b.pixels);
    expect(a.pixels).not.toEqual(c.pixels);
    expect(Array.from(a.labels)).toEqual([0, 1, 0, 1, 0, 1]);
    expect(a.pixels.length).toBe(6 * 32 * 32 * 3);
  });

  it("vary in colour: the mean colour of pictures of one shape spreads widely", () => {
    const set = syntheticShapeSet(["square"], 40, 32, 3);
    const means = Array.from({ length: set.count }, (_, i) => {
      const picture = set.pixels.subarray(i * 3072, (i + 1) * 3072);
      return picture.reduce((n, v) => n + v, 0) / picture.length;
    });
    expect(Math.max(...means) - Math.min(...means)).toBeGreaterThan(60);
  });

  it("draws every shape as a region of its own: each differs from every other somewhere", () => {
    const grid = (kind: (typeof SHAPE_KINDS)[number]) =>
      Array.from({ length: 41 * 41 }, (_, i) =>
        insideShape(kind, ((i % 41) - 20) / 20, (Math.floor(i / 41) - 20) / 20),
      );
    const masks = SHAPE_KINDS.map(grid);
    for (let i = 0; i < masks.length; i++) {
      const area = masks[i]?.filter(Boolean).length ?? 0;
      expect(area, SHAPE_KINDS[i]).toBeGreaterThan(200);
      for (let j = 0; j < i; j++) {
        const differing = masks[i]?.filter((v, k) => v !== masks[j]?.[k]).length ?? 0;
        expect(differing, `${SHAPE_KINDS[i]} vs ${SHAPE_KINDS[j]}`).toBeGreaterThan(50);
      }
    }
  });
});

describe("encodePng", () => {
  it("writes the signature, the header and the rows (filter 0) that zlib gives back", () => {
    const pixels = Uint8Array.from({ length: 2 * 3 * 3 }, (_, i) => i * 10);
    const png = encodePng(pixels, 3, 2, 3);
    expect(Array.from(png.subarray(0, 8))).toEqual([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a,
    ]);
    const view = new DataView(png.buffer);
    expect(view.getUint32(16)).toBe(3);
    expect(view.getUint32(20)).toBe(2);
    expect(png[25]).toBe(2);
    const idatLength = view.getUint32(33);
    const raw = unzlibSync(png.subarray(41, 41 + idatLength));
    expect(Array.from(raw)).toEqual([0, ...pixels.subarray(0, 9), 0, ...pixels.subarray(9)]);
  });
});
