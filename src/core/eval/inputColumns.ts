/** Which model features each input column became: one-hot and date columns become several. */
import { kindOf } from "../data/columnKinds";
import type { FittedColumnTransform, Preprocessing } from "../data/types";

export interface InputColumnFeatures {
  /** The table column's name. */
  column: string;
  kind: FittedColumnTransform["kind"];
  /** Indices into the model's feature vector (Preprocessing.featureNames), ascending. */
  features: number[];
}

/** How many model features a fitted column transform writes. */
export function featureWidth(transform: FittedColumnTransform): number {
  return kindOf(transform).width(transform);
}

/**
 * The feature indices of every input column, in Preprocessing.inputs order (the order
 * transformRows writes them). Throws when they do not add up to featureNames, which would mean
 * the preprocessing is corrupt.
 */
export function inputColumnFeatures(preprocessing: Preprocessing): InputColumnFeatures[] {
  let next = 0;
  const columns = preprocessing.inputs.map((transform) => {
    const width = featureWidth(transform);
    const features = Array.from({ length: width }, (_, i) => next + i);
    next += width;
    return { column: transform.column, kind: transform.kind, features };
  });
  if (next !== preprocessing.featureNames.length) {
    throw new Error(
      `The preprocessing's columns make ${next} features but it names ${preprocessing.featureNames.length}.`,
    );
  }
  return columns;
}
