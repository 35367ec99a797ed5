import type { ImageChannels, ImageFit } from "./types";

/**
 * Resize and fit maths, in pixels. `placement` gives the source rectangle and the destination
 * rectangle of a canvas drawImage call; `resizeToSquare` does the same in pure TypeScript
 * (bilinear), for Node and for tests that check the canvas path against it.
 */

export interface Placement {
  /** Source rectangle (in source pixels). */
  sx: number;
  sy: number;
  sw: number;
  sh: number;
  /** Destination rectangle inside the size×size square (in destination pixels). */
  dx: number;
  dy: number;
  dw: number;
  dh: number;
}

/**
 * Where a width×height picture goes in a size×size square. stretch: all of it onto all of the
 * square (aspect lost). crop: the centred largest region with the square's aspect, onto all of the
 * square. pad: all of it, scaled to fit inside and centred; the rest of the square stays black.
 */
export function placement(width: number, height: number, size: number, fit: ImageFit): Placement {
  if (!(width > 0 && height > 0 && size > 0)) {
    throw new Error(`Cannot place a ${width}×${height} picture in a ${size}×${size} square.`);
  }
  switch (fit) {
    case "stretch":
      return { sx: 0, sy: 0, sw: width, sh: height, dx: 0, dy: 0, dw: size, dh: size };
    case "crop": {
      const side = Math.min(width, height);
      return {
        sx: (width - side) / 2,
        sy: (height - side) / 2,
        sw: side,
        sh: side,
        dx: 0,
        dy: 0,
        dw: size,
        dh: size,
      };
    }
    case "pad": {
      const scale = size / Math.max(width, height);
      const dw = Math.max(1, Math.round(width * scale));
      const dh = Math.max(1, Math.round(height * scale));
      return {
        sx: 0,
        sy: 0,
        sw: width,
        sh: height,
        dx: Math.floor((size - dw) / 2),
        dy: Math.floor((size - dh) / 2),
        dw,
        dh,
      };
    }
  }
}

/** ITU-R BT.601 luma of an RGB pixel, 0–255. */
export function luma(r: number, g: number, b: number): number {
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

/**
 * True when every pixel of RGBA bytes has r, g and b within `tolerance` of each other: the
 * picture is grayscale even if stored as RGB.
 */
export function isGrayscaleRgba(rgba: ArrayLike<number>, tolerance = 8): boolean {
  for (let i = 0; i + 2 < rgba.length; i += 4) {
    const r = rgba[i] as number;
    const g = rgba[i + 1] as number;
    const b = rgba[i + 2] as number;
    if (Math.abs(r - g) > tolerance || Math.abs(g - b) > tolerance || Math.abs(r - b) > tolerance)
      return false;
  }
  return true;
}

/**
 * RGBA bytes [size, size, 4] (as a canvas gives them) to the dataset's layout [size, size,
 * channels]: RGB dropped of alpha, or its luma for grayscale. Transparent pixels count as black.
 */
export function rgbaToChannels(rgba: ArrayLike<number>, channels: ImageChannels): Uint8Array {
  const pixels = Math.floor(rgba.length / 4);
  const out = new Uint8Array(pixels * channels);
  for (let p = 0; p < pixels; p++) {
    const alpha = (rgba[p * 4 + 3] as number) / 255;
    const r = (rgba[p * 4] as number) * alpha;
    const g = (rgba[p * 4 + 1] as number) * alpha;
    const b = (rgba[p * 4 + 2] as number) * alpha;
    if (channels === 1) out[p] = Math.round(luma(r, g, b));
    else {
      out[p * 3] = Math.round(r);
      out[p * 3 + 1] = Math.round(g);
      out[p * 3 + 2] = Math.round(b);
    }
  }
  return out;
}

/**
 * Resizes RGBA bytes [height, width, 4] into RGBA [size, size, 4] with the given fit, sampling
 * bilinearly at pixel centres (padding stays transparent black). Averages a box of source pixels
 * when shrinking by more than 2×, so a large picture does not alias into noise.
 */
export function resizeToSquare(
  rgba: ArrayLike<number>,
  width: number,
  height: number,
  size: number,
  fit: ImageFit,
): Uint8ClampedArray {
  const place = placement(width, height, size, fit);
  const out = new Uint8ClampedArray(size * size * 4);
  const scaleX = place.sw / place.dw;
  const scaleY = place.sh / place.dh;
  const boxX = Math.max(1, Math.floor(scaleX));
  const boxY = Math.max(1, Math.floor(scaleY));
  const at = (x: number, y: number, c: number) => {
    const cx = Math.min(width - 1, Math.max(0, x));
    const cy = Math.min(height - 1, Math.max(0, y));
    return rgba[(cy * width + cx) * 4 + c] as number;
  };
  for (let y = 0; y < place.dh; y++) {
    for (let x = 0; x < place.dw; x++) {
      const srcX = place.sx + (x + 0.5) * scaleX - 0.5;
      const srcY = place.sy + (y + 0.5) * scaleY - 0.5;
      const target = ((place.dy + y) * size + place.dx + x) * 4;
      for (let c = 0; c < 4; c++) {
        let value: number;
        if (boxX > 2 || boxY > 2) {
          let sum = 0;
          const x0 = Math.round(srcX - boxX / 2 + 0.5);
          const y0 = Math.round(srcY - boxY / 2 + 0.5);
          for (let dy = 0; dy < boxY; dy++)
            for (let dx = 0; dx < boxX; dx++) sum += at(x0 + dx, y0 + dy, c);
          value = sum / (boxX * boxY);
        } else {
          const x0 = Math.floor(srcX);
          const y0 = Math.floor(srcY);
          const fx = srcX - x0;
          const fy = srcY - y0;
          value =
            at(x0, y0, c) * (1 - fx) * (1 - fy) +
            at(x0 + 1, y0, c) * fx * (1 - fy) +
            at(x0, y0 + 1, c) * (1 - fx) * fy +
            at(x0 + 1, y0 + 1, c) * fx * fy;
        }
        out[target + c] = Math.round(value);
      }
    }
  }
  return out;
}

/** The most pixels a picture may hold before it is refused unread (about 7,000 × 7,000). */
export const MAX_SOURCE_PIXELS = 50_000_000;

/** The side the studio proposes for a dataset: the median picture side, within 32–224 (a multiple of 4). */
export function proposedSize(sides: number[], min = 32, max = 224): number {
  if (sides.length === 0) return min;
  const sorted = [...sides].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] as number;
  return Math.min(max, Math.max(min, Math.round(median / 4) * 4));
}
