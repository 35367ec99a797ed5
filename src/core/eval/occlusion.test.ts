import { describe, expect, it } from "vitest";
import {
  channelMeans,
  heatFromDrops,
  hottestRegion,
  occlusionGrid,
  occlusionPatches,
  occlusionSaliency,
  patchStarts,
  type PredictPictures,
} from "./occlusion";

/** A hand-made "model" on 8×8×1 pictures: class 0's probability is pixel (0, 0), class 1 the rest. */
const cornerModel: PredictPictures = async (pictures, count) => {
  const out = new Float32Array(count * 2);
  for (let i = 0; i < count; i++) {
    const p = pictures[i * 64] as number;
    out[i * 2] = p;
    out[i * 2 + 1] = 1 - p;
  }
  return out;
};

describe("occlusion saliency", () => {
  it("lays a grid of patches that reaches every edge", () => {
    expect(patchStarts(8, 4, 2)).toEqual([0, 2, 4]);
    expect(patchStarts(9, 4, 2)).toEqual([0, 2, 4, 5]);
    expect(patchStarts(4, 8, 2)).toEqual([0]);
    expect(occlusionPatches(8, 4, 2)).toHaveLength(9);
    expect(occlusionGrid(32)).toEqual({ patchSide: 4, stride: 2 });
    expect(occlusionGrid(8)).toEqual({ patchSide: 1, stride: 1 });
    expect(Array.from(channelMeans(Float32Array.from([1, 0, 0, 0, 0.5, 1]), 3))).toEqual([
      0.5, 0.25, 0.5,
    ]);
  });

  it("averages each patch's drop over the pixels it covers", () => {
    const patches = occlusionPatches(4, 2, 1); // 3×3 patches on a 4×4 picture
    const drops = patches.map((p) => (p.x === 0 && p.y === 0 ? 0.9 : 0));
    const heat = heatFromDrops(drops, patches, 4);
    expect(heat[0]).toBeCloseTo(0.9); // covered by one patch only
    expect(heat[1]).toBeCloseTo(0.45); // (1, 0): two patches, one dropped
    expect(heat[5]).toBeCloseTo(0.225); // (1, 1): four patches
    expect(heat[15]).toBe(0);
  });

  it("finds the one pixel a hand-made model looks at, with the log-probability drops by hand", async () => {
    const image = new Float32Array(64);
    image[0] = 1; // a bright pixel at (0, 0); the mean fill is 1/64
    const progress: number[] = [];
    const map = await occlusionSaliency(image, 8, 1, 0, cornerModel, {
      patchSide: 4,
      stride: 2,
      batchSize: 4,
      onProgress: (done) => progress.push(done),
    });
    // Covering the bright pixel leaves it at the mean, 1/64: ln 1 − ln(1/64) = ln 64.
    const drop = Math.log(64);
    expect(map.probability).toBe(1);
    expect(map.lowestProbability).toBeCloseTo(1 / 64, 6);
    expect(map.patches).toBe(9);
    expect(map.maxDrop).toBeCloseTo(drop, 6);
    expect(map.heat[0]).toBeCloseTo(drop, 6); // (0, 0): only the first patch covers it
    expect(map.heat[1 * 8 + 1]).toBeCloseTo(drop, 6); // (1, 1): the same single patch
    expect(map.heat[1 * 8 + 2]).toBeCloseTo(drop / 2, 6); // (2, 1): patches at x 0 and 2
    expect(map.heat[3 * 8 + 3]).toBeCloseTo(drop / 4, 6); // (3, 3): four patches, one dropped
    expect(map.heat[7 * 8 + 7]).toBe(0); // far corner: no patch there changed anything
    expect(progress).toEqual([4, 8, 9]);
    // For the other class, covering the bright pixel raises the probability: no positive drop.
    const other = await occlusionSaliency(image, 8, 1, 1, cornerModel, { patchSide: 4, stride: 2 });
    expect(other.maxDrop).toBe(0);
    // Class 1 starts at 0 (floored at 1e-7) and rises to 63/64 when the pixel is covered.
    expect(other.heat[0]).toBeCloseTo(Math.log(1e-7) - Math.log(63 / 64), 4);
    expect(hottestRegion(map)).toBe("top left");
    expect(hottestRegion(other)).toBeNull();
    const centre = new Float32Array(81);
    centre[4 * 9 + 4] = 1;
    expect(hottestRegion({ heat: centre, size: 9, maxDrop: 1 })).toBe("centre");
    centre[8 * 9 + 8] = 2;
    expect(hottestRegion({ heat: centre, size: 9, maxDrop: 2 })).toBe("bottom right");
  });
});
