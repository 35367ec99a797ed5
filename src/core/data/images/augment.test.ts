import { describe, expect, it } from "vitest";
import { mulberry32 } from "../random";
import {
  AUGMENTATION_BOUNDS,
  DEFAULT_AUGMENTATION,
  IDENTITY_DRAW,
  applyAugmentation,
  augmentBatch,
  clampAugmentation,
  drawAugmentation,
} from "./augment";

const side = 8;
/** One 8×8 grayscale image: a bright 2×2 block at the top left of centre. */
function image(): Float32Array {
  const values = new Float32Array(side * side);
  for (const [x, y] of [
    [2, 2],
    [3, 2],
    [2, 3],
    [3, 3],
  ] as const)
    values[y * side + x] = 1;
  return values;
}

describe("augmentation", () => {
  it("the identity draw leaves the image as it is", () => {
    const out = new Float32Array(side * side);
    applyAugmentation(image(), out, 0, side, 1, IDENTITY_DRAW);
    expect(Array.from(out)).toEqual(Array.from(image()));
  });

  it("a flip mirrors left and right exactly", () => {
    const out = new Float32Array(side * side);
    applyAugmentation(image(), out, 0, side, 1, { ...IDENTITY_DRAW, flip: true });
    expect(out[2 * side + 5]).toBe(1);
    expect(out[2 * side + 2]).toBe(0);
  });

  it("a shift of one pixel moves the block one pixel", () => {
    const out = new Float32Array(side * side);
    applyAugmentation(image(), out, 0, side, 1, { ...IDENTITY_DRAW, shiftX: 1, shiftY: 2 });
    expect(out[4 * side + 3]).toBeCloseTo(1);
    expect(out[2 * side + 2]).toBeCloseTo(0);
  });

  it("draws stay inside the clamped ranges, whatever the settings ask", () => {
    const greedy = {
      ...DEFAULT_AUGMENTATION,
      enabled: true,
      rotationDegrees: 90,
      shift: 2,
      zoom: 5,
      brightness: 9,
      contrast: Number.NaN,
    };
    expect(clampAugmentation(greedy)).toMatchObject({
      rotationDegrees: 30,
      shift: 0.25,
      zoom: 0.3,
      contrast: 0,
    });
    const rng = mulberry32(3);
    for (let i = 0; i < 1000; i++) {
      const draw = drawAugmentation(greedy, 32, rng);
      expect(Math.abs(draw.angle)).toBeLessThanOrEqual(
        (AUGMENTATION_BOUNDS.rotationDegrees * Math.PI) / 180,
      );
      expect(Math.abs(draw.shiftX)).toBeLessThanOrEqual(8);
      expect(Math.abs(draw.scale - 1)).toBeLessThanOrEqual(0.3);
      expect(Math.abs(draw.brightness)).toBeLessThanOrEqual(0.5);
      expect(draw.contrast).toBe(1);
      expect(draw.flip).toBe(false);
    }
  });

  it("is seeded: the same seed gives the same batch, another seed another one, values in [0, 1]", () => {
    const settings = { ...DEFAULT_AUGMENTATION, enabled: true, flip: true };
    const batch = () => {
      const values = new Float32Array(3 * side * side);
      for (let i = 0; i < 3; i++) values.set(image(), i * side * side);
      return values;
    };
    const a = batch();
    const b = batch();
    const c = batch();
    augmentBatch(a, 3, side, 1, settings, mulberry32(1));
    augmentBatch(b, 3, side, 1, settings, mulberry32(1));
    augmentBatch(c, 3, side, 1, settings, mulberry32(2));
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
    expect(Array.from(a)).not.toEqual(Array.from(batch()));
    expect(a.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it("does nothing when disabled", () => {
    const values = image();
    augmentBatch(values, 1, side, 1, DEFAULT_AUGMENTATION, mulberry32(1));
    expect(Array.from(values)).toEqual(Array.from(image()));
  });
});
