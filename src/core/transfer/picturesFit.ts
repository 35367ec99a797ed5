import type { ImageChannels, ImageDataset } from "../data/images/types";

/** What the loaded pictures must become to feed a backbone, and how the studio gets them there. */
export interface PicturesFit {
  /** Says what the backbone takes and what the pictures are, for the person who chose "Use it". */
  problem: string;
  /** The one action that fixes it, as a button says it ("Switch pictures to RGB"). */
  action: string;
  size: number;
  channels: ImageChannels;
  /**
   * "convert": the kept pixels change colour in place; "decode": the dropped files are decoded
   * again; "drop-again": neither is possible (kept pictures of another size), the person must
   * drop the files again.
   */
  how: "convert" | "decode" | "drop-again";
}

const colour = (channels: number) => (channels === 1 ? "grayscale" : "RGB");

/**
 * How the loaded pictures differ from what a backbone of input [height, width, channels] takes,
 * or null when they already fit. `canDecode`: the dropped files are still at hand (not a reopened
 * project, whose pictures are kept as decoded). Only square backbones reach here.
 */
export function picturesFitFor(
  inputShape: readonly number[],
  dataset: Pick<ImageDataset, "size" | "channels" | "sourceName">,
  canDecode: boolean,
): PicturesFit | null {
  const [size = 0, , channelCount = 0] = inputShape;
  const channels: ImageChannels = channelCount === 1 ? 1 : 3;
  const sizeDiffers = dataset.size !== size;
  const colourDiffers = dataset.channels !== channels;
  if (!sizeDiffers && !colourDiffers) return null;
  const takes = `This backbone takes ${size}×${size} ${colour(channels)} pictures; yours are ${dataset.size}×${dataset.size} ${colour(dataset.channels)}.`;
  const target = sizeDiffers ? `${size}×${size} ${colour(channels)}` : colour(channels);
  if (canDecode)
    return {
      problem: `${takes} The studio decodes them again as ${target}, then puts the backbone on the canvas.`,
      action: `Switch pictures to ${target}`,
      size,
      channels,
      how: "decode",
    };
  if (!sizeDiffers)
    return {
      problem: `${takes} The kept pictures can be switched to ${target} here, then the backbone goes on the canvas.`,
      action: `Switch pictures to ${target}`,
      size,
      channels,
      how: "convert",
    };
  return {
    problem: `${takes} This project keeps its pictures as they were decoded, so they cannot be resized here: drop “${dataset.sourceName}” again in the Data section, then choose Use it.`,
    action: "Go to the Data section",
    size,
    channels,
    how: "drop-again",
  };
}
