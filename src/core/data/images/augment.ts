/**
 * Seeded, bounded augmentation of image batches (floats [N, H, W, C] in [0, 1]), done on the fly
 * in the training worker. Each image gets its own draw of flip, rotation, shift, zoom, brightness
 * and contrast from the settings' ranges; the same seed gives the same draws.
 */

export interface AugmentationSettings {
  enabled: boolean;
  /** Mirror left–right with probability 1/2 (wrong for digits and text; off by default). */
  flip: boolean;
  /** Largest rotation either way, in degrees (0–30). */
  rotationDegrees: number;
  /** Largest shift either way, as a fraction of the side (0–0.25). */
  shift: number;
  /** Largest zoom in or out, as a fraction (0–0.3): 0.1 scales by 0.9–1.1. */
  zoom: number;
  /** Largest brightness change, added to [0, 1] pixels (0–0.5). */
  brightness: number;
  /** Largest contrast change, as a fraction around the mean (0–0.5). */
  contrast: number;
}

/** Upper bounds of each range: beyond them a picture stops looking like its class. */
export const AUGMENTATION_BOUNDS = {
  rotationDegrees: 30,
  shift: 0.25,
  zoom: 0.3,
  brightness: 0.5,
  contrast: 0.5,
} as const;

export const DEFAULT_AUGMENTATION: AugmentationSettings = {
  enabled: false,
  flip: false,
  rotationDegrees: 10,
  shift: 0.1,
  zoom: 0.1,
  brightness: 0.1,
  contrast: 0.1,
};

function clampRange(value: number, max: number): number {
  return Number.isFinite(value) ? Math.min(max, Math.max(0, value)) : 0;
}

/** The settings with every range inside AUGMENTATION_BOUNDS (NaN becomes 0). */
export function clampAugmentation(settings: AugmentationSettings): AugmentationSettings {
  return {
    enabled: settings.enabled,
    flip: settings.flip,
    rotationDegrees: clampRange(settings.rotationDegrees, AUGMENTATION_BOUNDS.rotationDegrees),
    shift: clampRange(settings.shift, AUGMENTATION_BOUNDS.shift),
    zoom: clampRange(settings.zoom, AUGMENTATION_BOUNDS.zoom),
    brightness: clampRange(settings.brightness, AUGMENTATION_BOUNDS.brightness),
    contrast: clampRange(settings.contrast, AUGMENTATION_BOUNDS.contrast),
  };
}

/** One image's draw: what is done to it. */
export interface AugmentationDraw {
  flip: boolean;
  /** Radians, counter-clockwise. */
  angle: number;
  /** Pixels, right and down. */
  shiftX: number;
  shiftY: number;
  /** Scale factor (>1 enlarges). */
  scale: number;
  /** Added to every value. */
  brightness: number;
  /** Multiplies the distance from the image's mean. */
  contrast: number;
}

export const IDENTITY_DRAW: AugmentationDraw = {
  flip: false,
  angle: 0,
  shiftX: 0,
  shiftY: 0,
  scale: 1,
  brightness: 0,
  contrast: 1,
};

/** A draw within the settings' (clamped) ranges for an image of side `size`, from `rng` ([0,1)). */
export function drawAugmentation(
  given: AugmentationSettings,
  size: number,
  rng: () => number,
): AugmentationDraw {
  const s = clampAugmentation(given);
  const symmetric = (max: number) => (rng() * 2 - 1) * max;
  return {
    flip: s.flip && rng() < 0.5,
    angle: (symmetric(s.rotationDegrees) * Math.PI) / 180,
    shiftX: symmetric(s.shift) * size,
    shiftY: symmetric(s.shift) * size,
    scale: 1 + symmetric(s.zoom),
    brightness: symmetric(s.brightness),
    contrast: 1 + symmetric(s.contrast),
  };
}

/**
 * Applies a draw to one image: floats [size, size, channels] from `source` at `offset` into
 * `target` at the same offset. Geometry maps each output pixel back to the source (bilinear,
 * outside is 0); then contrast around the image's mean and brightness; values stay in [0, 1].
 */
export function applyAugmentation(
  source: Float32Array,
  target: Float32Array,
  offset: number,
  size: number,
  channels: number,
  draw: AugmentationDraw,
): void {
  const centre = (size - 1) / 2;
  const cos = Math.cos(draw.angle) / draw.scale;
  const sin = Math.sin(draw.angle) / draw.scale;
  const at = (x: number, y: number, c: number) =>
    x < 0 || y < 0 || x >= size || y >= size
      ? 0
      : (source[offset + (y * size + x) * channels + c] as number);
  let sum = 0;
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const ox = (draw.flip ? size - 1 - x : x) - centre - draw.shiftX;
      const oy = y - centre - draw.shiftY;
      const srcX = cos * ox + sin * oy + centre;
      const srcY = -sin * ox + cos * oy + centre;
      const x0 = Math.floor(srcX);
      const y0 = Math.floor(srcY);
      const fx = srcX - x0;
      const fy = srcY - y0;
      for (let c = 0; c < channels; c++) {
        const value =
          at(x0, y0, c) * (1 - fx) * (1 - fy) +
          at(x0 + 1, y0, c) * fx * (1 - fy) +
          at(x0, y0 + 1, c) * (1 - fx) * fy +
          at(x0 + 1, y0 + 1, c) * fx * fy;
        target[offset + (y * size + x) * channels + c] = value;
        sum += value;
      }
    }
  }
  const count = size * size * channels;
  const mean = sum / count;
  for (let i = offset; i < offset + count; i++) {
    const value = ((target[i] as number) - mean) * draw.contrast + mean + draw.brightness;
    target[i] = Math.min(1, Math.max(0, value));
  }
}

/**
 * Augments a batch of `count` images [count, size, size, channels] (floats in [0, 1]) in place,
 * one draw per image from `rng`. Does nothing when the settings are disabled.
 */
export function augmentBatch(
  batch: Float32Array,
  count: number,
  size: number,
  channels: number,
  settings: AugmentationSettings,
  rng: () => number,
): void {
  if (!settings.enabled) return;
  const source = batch.slice();
  const perImage = size * size * channels;
  for (let i = 0; i < count; i++) {
    applyAugmentation(
      source,
      batch,
      i * perImage,
      size,
      channels,
      drawAugmentation(settings, size, rng),
    );
  }
}
