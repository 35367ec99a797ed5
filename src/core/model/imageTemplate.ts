import { DEFAULT_AUGMENTATION, type AugmentationSettings } from "../data/images/augment";
import type { TrainConfig } from "../train/config";
import { defaultParams } from "./catalog";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "./spec";
import { INPUT_ID, OUTPUT_ID } from "./templates";

/** What an image dataset asks of a model: the picture's shape and the number of classes. */
export interface ImageShape {
  /** [height, width, channels] of one resized picture. */
  inputShape: [number, number, number];
  classCount: number;
}

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

/**
 * Pictures this wide or wider get the photo CNN (photoCnnSpec); smaller ones (digits, icons:
 * centred, drawn to fill the frame) keep the small CNN with a Flatten head (smallPictureCnnSpec).
 */
export const PHOTO_CNN_MIN_SIDE = 48;

/** The side the photo CNN's convolutions see, about: larger pictures are averaged down to it. */
const PHOTO_CNN_VIEW = 32;

/** Filters of conv block `b` (1-based): 16, 32, 64. */
const blockFilters = (b: number): number => 8 * 2 ** b;

function conv(b: number): LayerNode {
  return layer(`conv2d_${b}`, "Conv2D", {
    filters: blockFilters(b),
    kernelSize: [3, 3],
    padding: "same",
    activation: "relu",
  });
}

function softmaxHead(classCount: number): LayerNode {
  return layer(OUTPUT_ID, "Dense", {
    units: Math.max(2, classCount),
    activation: "softmax",
    useBias: true,
  });
}

function chain(nodes: LayerNode[]): ModelSpec {
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? INPUT_ID, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: [INPUT_ID], nodes, edges, outputs: [OUTPUT_ID] };
}

/**
 * The CNN for small pictures: Input [H, W, C], two blocks of a 3×3 "same" Conv2D (relu) and a
 * 2×2 MaxPooling2D (16 then 32 filters), Flatten, Dense 64 relu, Dropout 0.25 and a softmax head
 * of classCount units. Pooling keeps the Flatten small: 28×28 gives 7×7×32 = 1,568 values.
 */
export function smallPictureCnnSpec(data: ImageShape): ModelSpec {
  const nodes: LayerNode[] = [layer(INPUT_ID, "InputLayer", { shape: [...data.inputShape] })];
  for (let b = 1; b <= 2; b++)
    nodes.push(conv(b), layer(`max_pooling2d_${b}`, "MaxPooling2D", { poolSize: [2, 2] }));
  nodes.push(
    layer("flatten_1", "Flatten"),
    layer("dense_1", "Dense", { units: 64, activation: "relu" }),
    layer("dropout_1", "Dropout", { rate: 0.25 }),
    softmaxHead(data.classCount),
  );
  return chain(nodes);
}

/**
 * The CNN for photo-like pictures, where the object can be anywhere, of any size and colour:
 * Input [H, W, C]; an AveragePooling2D of ⌊side / 32⌋ (none below 64 px) so the convolutions see
 * about 32–63 px; three 3×3 "same" Conv2D (relu; 16, 32, 64 filters) with a 2×2 MaxPooling2D
 * between them; GlobalMaxPooling2D (did the feature occur anywhere, whatever its place) and a
 * softmax head of classCount units. 23,779 parameters on 68×68×3 with 3 classes. A Flatten head
 * ties each weight to one place in the picture: on 420 photo-like training pictures it learned
 * where things were and stayed at chance on new ones (docs/benchmarks.md).
 */
export function photoCnnSpec(data: ImageShape): ModelSpec {
  const [height, width] = data.inputShape;
  const shrink = Math.max(1, Math.floor(Math.min(height, width) / PHOTO_CNN_VIEW));
  const nodes: LayerNode[] = [layer(INPUT_ID, "InputLayer", { shape: [...data.inputShape] })];
  if (shrink > 1)
    nodes.push(layer("average_pooling2d_1", "AveragePooling2D", { poolSize: [shrink, shrink] }));
  for (let b = 1; b <= 3; b++) {
    nodes.push(conv(b));
    if (b < 3) nodes.push(layer(`max_pooling2d_${b}`, "MaxPooling2D", { poolSize: [2, 2] }));
  }
  nodes.push(layer("global_max_pooling2d_1", "GlobalMaxPooling2D"), softmaxHead(data.classCount));
  return chain(nodes);
}

/** Whether pictures of this shape get the photo CNN (and augmentation) rather than the small one. */
export function isPhotoSized(data: ImageShape): boolean {
  const [height, width] = data.inputShape;
  return Math.min(height, width) >= PHOTO_CNN_MIN_SIDE;
}

/**
 * The CNN the studio proposes when pictures are loaded: photoCnnSpec from PHOTO_CNN_MIN_SIDE
 * pixels up, smallPictureCnnSpec below.
 */
export function imageCnnSpec(data: ImageShape): ModelSpec {
  return isPhotoSized(data) ? photoCnnSpec(data) : smallPictureCnnSpec(data);
}

/** The augmentation proposed with the photo CNN (see proposedAugmentation). */
export const PHOTO_AUGMENTATION: AugmentationSettings = {
  ...DEFAULT_AUGMENTATION,
  enabled: true,
  flip: true,
  rotationDegrees: 30,
};

const sameAugmentation = (a: AugmentationSettings, b: AugmentationSettings) =>
  (Object.keys(a) as Array<keyof AugmentationSettings>).every((key) => a[key] === b[key]);

/**
 * The augmentation proposed with the CNN, given the `current` one. For the photo CNN:
 * PHOTO_AUGMENTATION, on with mirroring and rotations of up to ±30° besides the default shifts,
 * zoom, brightness and contrast (a photographed object is the same object mirrored or turned; the
 * preview shows it, and mirroring is one switch away for pictures with text). With the default
 * ranges alone (no mirroring, ±10°) it fitted its training pictures sooner and did worse on new
 * ones. For small pictures (the digits' CNN was measured without it): `current` as it is, unless
 * it is still the photo CNN's proposal, which mirrors digits and text: then off.
 */
export function proposedAugmentation(
  data: ImageShape,
  current: AugmentationSettings,
): AugmentationSettings {
  if (isPhotoSized(data)) return PHOTO_AUGMENTATION;
  return sameAugmentation(current, PHOTO_AUGMENTATION) ? DEFAULT_AUGMENTATION : current;
}

/**
 * Early stopping's patience proposed with the photo CNN, in epochs. Augmented, it spends its first
 * dozens of epochs near chance while its validation loss wanders above the first epoch's; with the
 * tables' 20 it stopped there on one seed in two and kept the first epoch's weights.
 */
export const PHOTO_CNN_PATIENCE = 50;

/**
 * `config` with the training settings proposed with the CNN for these pictures: for the photo CNN,
 * its patience (PHOTO_CNN_PATIENCE), everything else kept; for small pictures, `config` as it is.
 */
export function proposedTrainConfig(data: ImageShape, config: TrainConfig): TrainConfig {
  if (!isPhotoSized(data)) return config;
  return { ...config, earlyStopping: { ...config.earlyStopping, patience: PHOTO_CNN_PATIENCE } };
}
