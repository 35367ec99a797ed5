import { describe, expect, it } from "vitest";
import { imageDimensions } from "./dimensions";
import { isGrayscaleRgba, placement, proposedSize, resizeToSquare, rgbaToChannels } from "./fit";

/** RGBA bytes [height, width, 4] of one colour, with a white column at x = marker. */
function picture(width: number, height: number, marker = -1): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const v = x === marker ? 255 : 100;
      rgba.set([v, v, v, 255], (y * width + x) * 4);
    }
  return rgba;
}

describe("placement", () => {
  it("stretch maps the whole picture onto the whole square", () => {
    expect(placement(200, 100, 32, "stretch")).toEqual({
      sx: 0,
      sy: 0,
      sw: 200,
      sh: 100,
      dx: 0,
      dy: 0,
      dw: 32,
      dh: 32,
    });
  });

  it("crop takes the centred square of the shorter side", () => {
    expect(placement(200, 100, 32, "crop")).toMatchObject({
      sx: 50,
      sy: 0,
      sw: 100,
      sh: 100,
      dw: 32,
    });
    expect(placement(100, 300, 64, "crop")).toMatchObject({ sx: 0, sy: 100, sw: 100, sh: 100 });
  });

  it("pad keeps the aspect ratio and centres the picture", () => {
    expect(placement(200, 100, 32, "pad")).toMatchObject({ dx: 0, dy: 8, dw: 32, dh: 16 });
    expect(placement(30, 90, 33, "pad")).toMatchObject({ dx: 11, dy: 0, dw: 11, dh: 33 });
  });

  it("refuses an empty picture", () => {
    expect(() => placement(0, 10, 32, "pad")).toThrow(/0×10/);
  });
});

describe("resizeToSquare", () => {
  it("keeps a uniform picture uniform and leaves padding black", () => {
    const out = resizeToSquare(picture(64, 32), 64, 32, 32, "pad");
    expect(out[(0 * 32 + 0) * 4 + 3]).toBe(0); // top row is padding (dy = 8)
    expect(out[(16 * 32 + 16) * 4]).toBe(100);
    expect(out[(16 * 32 + 16) * 4 + 3]).toBe(255);
  });

  it("crop drops the sides: a white column at the far left disappears", () => {
    const cropped = resizeToSquare(picture(300, 100, 0), 300, 100, 10, "crop");
    const stretched = resizeToSquare(picture(300, 100, 0), 300, 100, 10, "stretch");
    expect(Math.max(...Array.from({ length: 10 }, (_, x) => cropped[x * 4] ?? 0))).toBe(100);
    expect(stretched[0]).toBeGreaterThan(100);
  });

  it("shrinks a large picture by averaging, without aliasing a thin line away or to white", () => {
    const out = resizeToSquare(picture(1000, 1000, 500), 1000, 1000, 32, "stretch");
    const row = Array.from({ length: 32 }, (_, x) => out[(16 * 32 + x) * 4] ?? 0);
    expect(Math.max(...row)).toBeGreaterThan(100);
    expect(Math.max(...row)).toBeLessThan(255);
  });
});

describe("colour", () => {
  it("detects grayscale stored as RGB and converts to the chosen channels", () => {
    expect(isGrayscaleRgba(picture(4, 4, 1))).toBe(true);
    expect(isGrayscaleRgba(new Uint8ClampedArray([255, 0, 0, 255]))).toBe(false);
    expect(Array.from(rgbaToChannels([255, 0, 0, 255, 10, 20, 30, 255], 3))).toEqual([
      255, 0, 0, 10, 20, 30,
    ]);
    expect(Array.from(rgbaToChannels([255, 255, 255, 255, 255, 255, 255, 0], 1))).toEqual([255, 0]);
  });

  it("proposes the median side within 32–224", () => {
    expect(proposedSize([28, 28, 30])).toBe(32);
    expect(proposedSize([640, 480, 500])).toBe(224);
    expect(proposedSize([64, 96, 100])).toBe(96);
  });
});

describe("imageDimensions", () => {
  it("reads GIF, BMP, JPEG and WebP headers without decoding", () => {
    const gif = new Uint8Array([71, 73, 70, 56, 57, 97, 0xe0, 0x2e, 0xe0, 0x2e]);
    expect(imageDimensions(gif)).toEqual({ width: 12000, height: 12000 });
    const bmp = new Uint8Array(26);
    bmp.set([66, 77]);
    new DataView(bmp.buffer).setInt32(18, 640, true);
    new DataView(bmp.buffer).setInt32(22, -480, true);
    expect(imageDimensions(bmp)).toEqual({ width: 640, height: 480 });
    // SOI, an APP0 segment of 4 bytes, then SOF0 with height 300 and width 400.
    const jpeg = new Uint8Array([
      0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 1, 44, 1, 144, 3, 0, 0, 0,
    ]);
    expect(imageDimensions(jpeg)).toEqual({ width: 400, height: 300 });
    expect(imageDimensions(new Uint8Array([1, 2, 3]))).toBe(null);
  });
});
