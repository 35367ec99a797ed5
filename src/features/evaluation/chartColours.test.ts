import { describe, expect, it } from "vitest";
import { contrastRatio, type Rgb } from "../../ui/contrast";
import { CLASS_COLOURS } from "./chartColours";

const rgb = (css: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as unknown as Rgb;

/** Distance between two colours in a simple perceptual weighting of RGB ("redmean"). */
function distance(a: Rgb, b: Rgb): number {
  const mean = (a[0] + b[0]) / 2;
  const [dr, dg, db] = [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
  return Math.sqrt((2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db);
}

describe("CLASS_COLOURS", () => {
  it("has ten different colours, so ten classes never share one", () => {
    expect(CLASS_COLOURS.length).toBeGreaterThanOrEqual(10);
    expect(new Set(CLASS_COLOURS).size).toBe(CLASS_COLOURS.length);
  });
  it("keeps every curve at 3:1 or more against the white chart", () => {
    for (const colour of CLASS_COLOURS) {
      expect(contrastRatio(rgb(colour), [255, 255, 255]), colour).toBeGreaterThanOrEqual(3);
    }
  });
  it("keeps every pair of colours well apart", () => {
    const colours = CLASS_COLOURS.map(rgb);
    let closest = Infinity;
    colours.forEach((a, i) =>
      colours.slice(i + 1).forEach((b) => (closest = Math.min(closest, distance(a, b)))),
    );
    expect(closest).toBeGreaterThan(100);
  });
});
