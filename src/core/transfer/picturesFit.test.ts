import { describe, expect, it } from "vitest";
import { picturesFitFor } from "./picturesFit";

const kept = { size: 32, channels: 1 as const, sourceName: "digits32.zip" };

describe("picturesFitFor", () => {
  it("says nothing when the pictures fit the backbone", () => {
    expect(picturesFitFor([32, 32, 1], kept, false)).toBeNull();
  });
  it("offers to switch kept grayscale pictures to RGB, saying the backbone needs RGB", () => {
    const fit = picturesFitFor([32, 32, 3], kept, false);
    expect(fit?.problem).toContain(
      "This backbone takes 32×32 RGB pictures; yours are 32×32 grayscale.",
    );
    expect(fit).toMatchObject({ action: "Switch pictures to RGB", how: "convert", channels: 3 });
  });
  it("decodes dropped files again at another size, and asks for them when they are gone", () => {
    expect(picturesFitFor([64, 64, 3], kept, true)).toMatchObject({
      how: "decode",
      size: 64,
      action: "Switch pictures to 64×64 RGB",
    });
    const gone = picturesFitFor([64, 64, 3], kept, false);
    expect(gone?.how).toBe("drop-again");
    expect(gone?.problem).toContain("drop “digits32.zip” again");
  });
});
