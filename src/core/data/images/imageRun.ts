import type { AugmentationSettings } from "./augment";
import { imageFolds, splitImageDataset, type ImageFold } from "./split";
import type { ImageDataset } from "./types";
import type { Preprocessing, SplitFractions } from "../types";
import type { AnyTrainingData } from "../../train/types";
import { sampleImagesOf, type SampleImage } from "../../project/sampleImages";
import type { PreparedData } from "../preparedData";

/** The label "column" of an image model: the class folder a picture came from. */
export const IMAGE_LABEL = "label";

/** Preprocessing of an image dataset: resize with fit to size×size×channels, then pixel / 255. */
export function imagePreprocessingOf(dataset: ImageDataset): Preprocessing {
  return {
    version: 1,
    task: "classification",
    inputs: [],
    featureNames: [],
    label: { kind: "classes", column: IMAGE_LABEL, classNames: dataset.classNames },
    image: {
      size: dataset.size,
      channels: dataset.channels,
      fit: dataset.fit,
      scaling: "unit",
      classNames: dataset.classNames,
    },
  };
}

/** The [H, W, C] of one picture of the dataset. */
export function imageInputShape(dataset: ImageDataset): [number, number, number] {
  return [dataset.size, dataset.size, dataset.channels];
}

export interface ImageRun {
  /** What the report and the TrainedModel are made from (labels kept on the page). */
  prepared: PreparedData;
  /** Sent to the training worker (bytes transferred, not copied). */
  data: AnyTrainingData;
  test: { x: Uint8Array; rows: number };
  /** The test pictures, kept on the page for the misclassified gallery: bytes and dataset index. */
  testImages: { pixels: Uint8Array; indices: number[] };
  /** The first test pictures, kept with the TrainedModel (try-it, model card, links). */
  sampleImages: SampleImage[];
  /** Cross-validation: the folds of the pictures outside the test split (empty: none asked). */
  folds: ImageFold[];
}

/** Splits the images (stratified, seeded) into what a training run needs. */
export function prepareImageRun(
  dataset: ImageDataset,
  fractions: SplitFractions,
  seed: number,
  augmentation: AugmentationSettings | null,
  /** Cross-validation folds to cut besides the split (0: none). */
  folds = 0,
): ImageRun {
  const splits = splitImageDataset(dataset, fractions, seed);
  const preprocessing = imagePreprocessingOf(dataset);
  const shape = imageInputShape(dataset);
  const sizes = {
    train: splits.train.rows,
    validation: splits.validation.rows,
    test: splits.test.rows,
  };
  const labelsOnly = (split: { y: Float32Array; rows: number }) => ({
    x: new Float32Array(0),
    y: split.y.slice(),
    rows: split.rows,
  });
  return {
    prepared: {
      plan: {
        preprocessing,
        featureCount: shape[0] * shape[1] * shape[2],
        classNames: dataset.classNames,
        sizes,
        smallClasses: [],
      },
      train: labelsOnly(splits.train),
      validation: labelsOnly(splits.validation),
      test: labelsOnly(splits.test),
      testTargets: new Float64Array(0),
      trainTargets: new Float64Array(0),
      sampleRows: [],
      testOrigin: { rowNumbers: splits.indices.test.map((i) => i + 1) },
    },
    data: {
      task: "classification",
      featureCount: shape[0] * shape[1] * shape[2],
      inputShape: shape,
      classCount: dataset.classNames.length,
      train: splits.train,
      validation: splits.validation,
      targetScale: 1,
      ...(augmentation?.enabled ? { augmentation } : {}),
    },
    test: { x: splits.test.pixels, rows: splits.test.rows },
    folds: folds >= 2 ? imageFolds(dataset, splits.indices, fractions, seed, folds) : [],
    testImages: { pixels: splits.test.pixels.slice(), indices: splits.indices.test },
    sampleImages: sampleImagesOf(
      splits.test.pixels,
      splits.test.y,
      [dataset.size, dataset.size, dataset.channels],
      dataset.classNames,
    ),
  };
}

/**
 * The test pictures of a run (bytes [N, H, W, C] and their dataset indices), cut again from the
 * dataset by the run's split and seed: the same split the run was evaluated on.
 */
export function testImagesOf(
  dataset: ImageDataset,
  fractions: SplitFractions,
  seed: number,
): { pixels: Uint8Array; indices: number[] } {
  const splits = splitImageDataset(dataset, fractions, seed);
  return { pixels: splits.test.pixels, indices: splits.indices.test };
}
