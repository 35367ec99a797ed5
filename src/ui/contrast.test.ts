import { describe, expect, it } from "vitest";
import { contrastRatio, overWhite, readableTextOn, type Rgb } from "./contrast";

const hex = (css: string): Rgb =>
  [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) as unknown as Rgb;

describe("contrast", () => {
  it("agrees with WCAG's reference values", () => {
    expect(contrastRatio([0, 0, 0], [255, 255, 255])).toBeCloseTo(21, 5);
    // The light series colour the chart legends used: 1.8:1 on white.
    expect(contrastRatio(hex("#93c5fd"), [255, 255, 255])).toBeCloseTo(1.8, 1);
  });

  it("keeps confusion-matrix numbers at AA on every shade of both cell colours", () => {
    for (const colour of [
      [37, 99, 235],
      [220, 38, 38],
    ] as const) {
      for (let share = 0; share <= 1; share += 0.01) {
        const background = overWhite(colour, share * 0.85);
        const text = hex(readableTextOn(background));
        expect(contrastRatio(text, background)).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it("white text on a mid-tone cell, as before, fell short", () => {
    const background = overWhite([37, 99, 235], 0.55 * 0.85);
    expect(contrastRatio([255, 255, 255], background)).toBeLessThan(3);
  });
});
