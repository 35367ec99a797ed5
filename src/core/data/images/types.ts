/**
 * Plain, serialisable types for image datasets. Images travel as bytes (Uint8, [N,H,W,C], 0–255)
 * and become floats only one batch at a time, so 20,000 pictures of 64×64×3 take 245 MB, not 1 GB.
 */

/** How a picture is made to fit the square size: stretched, cropped at the centre, or padded. */
export type ImageFit = "stretch" | "crop" | "pad";
export const IMAGE_FITS: readonly ImageFit[] = ["stretch", "crop", "pad"];

/** Channels per pixel: 1 (grayscale) or 3 (RGB). */
export type ImageChannels = 1 | 3;

/** How bytes become the floats the model sees: "unit" divides by 255, giving [0, 1]. */
export type PixelScaling = "unit";

/** Sizes the studio accepts for the square side, in pixels. */
export const MIN_IMAGE_SIZE = 32;
export const MAX_IMAGE_SIZE = 224;

/** The image part of Preprocessing: what serving applies to a raw picture before the model. */
export interface ImagePreprocessing {
  /** Side of the square the picture is resized to, in pixels (height = width). */
  size: number;
  channels: ImageChannels;
  fit: ImageFit;
  /** Pixel value v (0–255) becomes v / 255 under "unit". */
  scaling: PixelScaling;
  /** Class names in output order. */
  classNames: string[];
}

/** Decoded, resized images with their labels, as the data worker hands them to the page. */
export interface ImageDataset {
  version: 1;
  /** What was dropped: a zip's or folder's name, or "N images". */
  sourceName: string;
  size: number;
  channels: ImageChannels;
  fit: ImageFit;
  classNames: string[];
  /** [count, size, size, channels] bytes, 0–255, row-major. */
  pixels: Uint8Array;
  /** Class index per image. */
  labels: Int32Array;
  /** Path of each image inside what was dropped, for reports and the gallery. */
  paths: string[];
  count: number;
  /** Reports of files skipped (not images, unreadable), for a role="status" region. */
  notes: string[];
}
