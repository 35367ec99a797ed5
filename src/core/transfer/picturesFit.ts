import type { ImageChannels, ImageDataset, ImageFit } from "../data/images/types";
import type { BackbonePictures } from "./layersModelJson";

/** What the loaded pictures must become to feed a backbone, and how the studio gets them there. */
export interface PicturesFit {
  /** Says what the backbone takes and what the pictures are, for the person who chose "Use it". */
  problem: string;
  /** The one action that fixes it, as a button says it ("Switch pictures to RGB"). */
  action: string;
  size: number;
  channels: ImageChannels;
  /** The fit to decode them with: the backbone's own, when it says and it differs. */
  fit?: ImageFit;
  /**
   * "convert": the kept pixels change colour in place; "decode": the dropped files are decoded
   * again; "drop-again": neither is possible (kept pictures of another size), the person must
   * drop the files again.
   */
  how: "convert" | "decode" | "drop-again";
}

const colour = (channels: number) => (channels === 1 ? "grayscale" : "RGB");

/** "stretched", "cropped", "padded": how a fit reads in a sentence. */
export const FITTED: Record<ImageFit, string> = {
  stretch: "stretched",
  crop: "cropped",
  pad: "padded",
};

type Pictures = Pick<ImageDataset, "size" | "channels" | "fit" | "sourceName">;

/**
 * How the loaded pictures differ from what a backbone of input [height, width, channels] takes,
 * or null when they already fit. `canDecode`: the dropped files are still at hand (not a reopened
 * project, whose pictures are kept as decoded). `own`: how the pictures the backbone learned from
 * were made, when it says: with the files at hand its fit counts too (decoding them again fixes
 * it). Kept pictures cannot be fitted again; a fit unlike the backbone's does not stop it from
 * taking them, so backboneReceives says it instead. Only square backbones reach here.
 */
export function picturesFitFor(
  inputShape: readonly number[],
  dataset: Pictures,
  canDecode: boolean,
  own: BackbonePictures | null = null,
): PicturesFit | null {
  const [size = 0, , channelCount = 0] = inputShape;
  const channels: ImageChannels = channelCount === 1 ? 1 : 3;
  const sizeDiffers = dataset.size !== size;
  const colourDiffers = dataset.channels !== channels;
  const fitDiffers = canDecode && own !== null && own.fit !== dataset.fit;
  if (!sizeDiffers && !colourDiffers && !fitDiffers) return null;
  const takes =
    sizeDiffers || colourDiffers
      ? `This backbone takes ${size}×${size} ${colour(channels)} pictures; yours are ${dataset.size}×${dataset.size} ${colour(dataset.channels)}.`
      : "";
  const learned = fitDiffers
    ? `It learned from ${FITTED[own.fit]} pictures (“${own.fit}”); yours are ${FITTED[dataset.fit]} (“${dataset.fit}”), so their shapes would look other than the ones it knows.`
    : "";
  const says = [takes, learned].filter(Boolean).join(" ");
  const look = [
    sizeDiffers ? `${size}×${size} ${colour(channels)}` : colourDiffers ? colour(channels) : "",
    fitDiffers ? FITTED[own.fit] : "",
  ]
    .filter(Boolean)
    .join(", ");
  const fit = fitDiffers ? { fit: own.fit } : {};
  if (canDecode)
    return {
      problem: `${says} The studio decodes them again as ${look}, then puts the backbone on the canvas.`,
      action: `Switch pictures to ${look}`,
      size,
      channels,
      ...fit,
      how: "decode",
    };
  if (!sizeDiffers)
    return {
      problem: `${says} The kept pictures can be switched to ${look} here, then the backbone goes on the canvas.`,
      action: `Switch pictures to ${look}`,
      size,
      channels,
      how: "convert",
    };
  return {
    problem: `${says} This project keeps its pictures as they were decoded, so they cannot be resized here: drop “${dataset.sourceName}” again in the Data section, then choose Use it.`,
    action: "Go to the Data section",
    size,
    channels,
    how: "drop-again",
  };
}

/**
 * One sentence for a loaded backbone: how it will receive the pictures as they are set now, and
 * how its own were made, or, when it does not say, that the person chooses and why it matters.
 */
export function backboneReceives(
  inputShape: readonly number[],
  dataset: Pick<ImageDataset, "fit" | "sourceName">,
  own: BackbonePictures | null,
  canDecode: boolean,
): string {
  const [size = 0, , channelCount = 0] = inputShape;
  const receives = `The backbone receives your pictures as ${size}×${size} ${colour(channelCount)}, ${FITTED[dataset.fit]} (“${dataset.fit}”, the fit set in the Data section).`;
  if (own) {
    const learned = `${receives} It learned from ${FITTED[own.fit]} ${size}×${size} ${colour(own.channels)} pictures`;
    if (own.fit === dataset.fit) return `${learned}: the same.`;
    // With the files at hand, "Switch pictures to …" decodes them with its fit (picturesFitFor).
    if (canDecode) return `${learned}.`;
    return `${learned}. Square pictures look the same either way; if yours are not square, drop “${dataset.sourceName}” again and choose “${own.fit}” in the Data section, so their shapes look as the ones it knows.`;
  }
  return `${receives} It does not say how its own pictures were made square, so you choose: a backbone knows shapes best as it saw them, and “stretch” (squeezed to the square, nothing lost) is how most are trained; “crop” and “pad” keep the proportions by cutting the edges or adding borders. If you know what its maker used, choose that fit in the Data section.`;
}
