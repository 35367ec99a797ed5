import { describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "./augment";
import { activeKinds, augmentedVariants, onlyKind, switchKind } from "./augmentKinds";

/** An 8×8 grayscale picture: a bright vertical bar in the left half. */
const bar = Uint8Array.from({ length: 64 }, (_, p) => (p % 8 === 2 ? 255 : 0));

describe("augmentation kinds", () => {
  it("is off by default; switching one kind on enables only that kind", () => {
    expect(activeKinds(DEFAULT_AUGMENTATION)).toEqual([]);
    const rotate = switchKind(DEFAULT_AUGMENTATION, "rotation", true);
    expect(rotate.enabled).toBe(true);
    expect(activeKinds(rotate)).toEqual(["rotation"]);
    expect(rotate.rotationDegrees).toBe(10);
    expect(rotate.shift).toBe(0);
    const both = switchKind(rotate, "flip", true);
    expect(activeKinds(both)).toEqual(["flip", "rotation"]);
    const flipOnly = switchKind(both, "rotation", false);
    expect(activeKinds(flipOnly)).toEqual(["flip"]);
    const none = switchKind(flipOnly, "flip", false);
    expect(none.enabled).toBe(false);
    expect(activeKinds(none)).toEqual([]);
    // A range set earlier comes back when its kind is switched on again.
    expect(switchKind({ ...rotate, rotationDegrees: 25 }, "rotation", true).rotationDegrees).toBe(
      25,
    );
  });

  it("keeps one kind for its preview row", () => {
    const all = { ...DEFAULT_AUGMENTATION, enabled: true, flip: true };
    expect(activeKinds(onlyKind(all, "zoom"))).toEqual(["zoom"]);
    expect(onlyKind(all, "zoom").zoom).toBe(0.1);
    expect(activeKinds(onlyKind(all, "flip"))).toEqual(["flip"]);
  });

  it("draws seeded variants of one picture, as bytes of its shape", () => {
    const flips = augmentedVariants(bar, 8, 1, onlyKind(DEFAULT_AUGMENTATION, "flip"), 3, 6);
    expect(flips).toHaveLength(6);
    // Each variant is the bar as it was (column 2) or mirrored (column 5), nothing in between.
    for (const variant of flips) {
      const column = variant.findIndex((v) => v === 255);
      expect([2, 5]).toContain(column);
    }
    expect(new Set(flips.map((v) => v.findIndex((x) => x === 255))).size).toBe(2);
    const settings = switchKind(DEFAULT_AUGMENTATION, "brightness", true);
    const again = augmentedVariants(bar, 8, 1, settings, 3, 4);
    expect(augmentedVariants(bar, 8, 1, settings, 3, 4)).toEqual(again);
    expect(augmentedVariants(bar, 8, 1, settings, 4, 4)).not.toEqual(again);
    // Brightness alone moves the dark pixels by at most 0.1 · 255 and keeps the bar's shape.
    for (const variant of again) {
      expect(Math.max(...variant.filter((_, p) => p % 8 !== 2))).toBeLessThanOrEqual(26);
      expect(Math.min(...variant.filter((_, p) => p % 8 === 2))).toBeGreaterThanOrEqual(229);
    }
  });
});
