import { describe, expect, it } from "vitest";
import { backboneReceives, picturesFitFor } from "./picturesFit";

const kept = { size: 32, channels: 1 as const, fit: "pad" as const, sourceName: "digits32.zip" };

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

describe("picturesFitFor with the backbone's own pictures", () => {
  const padded = { size: 32, channels: 3 as const, fit: "pad" as const, sourceName: "shapes.zip" };
  const stretched = { fit: "stretch" as const, channels: 3 as const };

  it("offers the backbone's fit when it says and the pictures differ, decoding them again", () => {
    const fit = picturesFitFor([32, 32, 3], padded, true, stretched);
    expect(fit).toMatchObject({
      how: "decode",
      fit: "stretch",
      size: 32,
      channels: 3,
      action: "Switch pictures to stretched",
    });
    expect(fit?.problem).toContain(
      "It learned from stretched pictures (“stretch”); yours are padded",
    );
  });

  it("says nothing when the fit is the backbone's, and ignores fit when the backbone does not say", () => {
    expect(picturesFitFor([32, 32, 3], { ...padded, fit: "stretch" }, true, stretched)).toBeNull();
    expect(picturesFitFor([32, 32, 3], padded, true, null)).toBeNull();
  });

  it("names colour and fit together; kept pictures, which cannot be fitted again, still switch colour", () => {
    const gray = { ...padded, channels: 1 as const };
    expect(picturesFitFor([32, 32, 3], gray, true, stretched)?.action).toBe(
      "Switch pictures to RGB, stretched",
    );
    const kept = picturesFitFor([32, 32, 3], gray, false, stretched);
    expect(kept).toMatchObject({ how: "convert", action: "Switch pictures to RGB" });
    expect(kept).not.toHaveProperty("fit");
    expect(picturesFitFor([32, 32, 3], padded, false, stretched)).toBeNull();
  });
});

describe("backboneReceives", () => {
  const stretchedRgb = { fit: "stretch" as const, channels: 3 as const };
  const pad = { fit: "pad" as const, sourceName: "a.zip" };

  it("says the fit and colour the backbone will receive, and its own", () => {
    expect(backboneReceives([32, 32, 3], pad, stretchedRgb, true)).toBe(
      "The backbone receives your pictures as 32×32 RGB, padded (“pad”, the fit set in the Data section). It learned from stretched 32×32 RGB pictures.",
    );
    expect(backboneReceives([32, 32, 3], { ...pad, fit: "stretch" }, stretchedRgb, true)).toContain(
      "It learned from stretched 32×32 RGB pictures: the same.",
    );
  });

  it("tells kept pictures of another fit how to get the backbone's", () => {
    expect(backboneReceives([32, 32, 3], pad, stretchedRgb, false)).toContain(
      "if yours are not square, drop “a.zip” again and choose “stretch” in the Data section",
    );
  });

  it("explains the choice when the backbone does not say", () => {
    const text = backboneReceives([64, 64, 3], { ...pad, fit: "crop" }, null, true);
    expect(text).toContain("as 64×64 RGB, cropped");
    expect(text).toContain("It does not say how its own pictures were made square, so you choose");
  });
});
