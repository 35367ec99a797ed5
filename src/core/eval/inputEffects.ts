/**
 * How much each input moved one prediction (the try-it panel, tables): replace one input column
 * by a typical training value, predict again, and report the change. Works from the Preprocessing
 * alone, so it needs no training data (a shared link or an imported bundle has none).
 *
 * The typical value of a column, by its fitted transform:
 * - numeric, standardized: its training mean (encoded as exactly 0);
 * - numeric, min–max or unscaled: its imputation value, which is the training mean under the
 *   default "mean" imputation (the median, most frequent value or constant under the others),
 *   unless the caller passes the training features' means;
 * - boolean: the more frequent of true/false (its imputation value, rounded);
 * - one-hot: the most frequent training category (categories are stored most frequent first);
 * - date: every derived feature at its training mean (each is standardized, so all 0).
 */
import { inverseTarget } from "../data/preprocess";
import type { FittedColumnTransform, Preprocessing } from "../data/types";
import type { PredictRows } from "./importance";
import { inputColumnFeatures } from "./inputColumns";

export interface InputEffect {
  column: string;
  /** The typical value put in its place, as a person would write it. */
  reference: string;
  /** The prediction with this column at its typical value (same layout as `prediction`). */
  replaced: number[];
  /** prediction − replaced, per output: what this input's actual value added. */
  change: number[];
}

export interface InputEffects {
  /**
   * The row's prediction: class probabilities (classification) or one value in the target's own
   * units (regression).
   */
  prediction: number[];
  /** In Preprocessing.inputs order. */
  effects: InputEffect[];
}

/** The encoded typical value of a column, written into `row` at `offset`, and its description. */
function writeReference(
  transform: FittedColumnTransform,
  row: Float32Array,
  offset: number,
  featureMeans: ArrayLike<number> | undefined,
): string {
  if (transform.kind === "numeric") {
    const { scaling } = transform;
    const mean = featureMeans?.[offset];
    if (scaling.kind === "standardize") {
      row[offset] = 0;
      return String(scaling.mean);
    }
    const encode = (v: number) =>
      scaling.kind === "minmax" ? (v - scaling.min) / (scaling.max - scaling.min) : v;
    const decode = (v: number) =>
      scaling.kind === "minmax" ? v * (scaling.max - scaling.min) + scaling.min : v;
    row[offset] = mean ?? encode(transform.fillValue);
    return String(mean === undefined ? transform.fillValue : decode(mean));
  }
  if (transform.kind === "boolean") {
    const value = transform.fillValue >= 0.5 ? 1 : 0;
    row[offset] = value;
    return value === 1 ? "true" : "false";
  }
  if (transform.kind === "date") {
    for (let i = 0; i < transform.scales.length; i++) row[offset + i] = 0;
    return "the average training date";
  }
  transform.categories.forEach((_, i) => {
    row[offset + i] = i === 0 ? 1 : 0;
  });
  return transform.categories[0] ?? "(none)";
}

/**
 * Effects of each input column on the prediction of one preprocessed row (length =
 * featureNames.length, as transformRecord makes it). One call to `predict` with
 * 1 + columns rows. featureMeans: optional per-feature means of the training features, used for
 * numeric columns that are not standardized.
 */
export async function inputEffects(
  row: Float32Array,
  preprocessing: Preprocessing,
  predict: PredictRows,
  featureMeans?: ArrayLike<number>,
): Promise<InputEffects> {
  const width = preprocessing.featureNames.length;
  if (row.length !== width) throw new Error(`Expected ${width} features, got ${row.length}.`);
  const columns = inputColumnFeatures(preprocessing);
  const batch = new Float32Array((columns.length + 1) * width);
  batch.set(row);
  const references = columns.map((column, i) => {
    const copy = batch.subarray((i + 1) * width, (i + 2) * width);
    copy.set(row);
    const transform = preprocessing.inputs[i] as FittedColumnTransform;
    return writeReference(transform, copy, column.features[0] ?? 0, featureMeans);
  });
  const output = await predict(batch, columns.length + 1);
  const outputs = output.length / (columns.length + 1);
  const regression = preprocessing.label.kind === "standardized";
  const predictionOf = (i: number) =>
    Array.from(output.subarray(i * outputs, (i + 1) * outputs), (v) =>
      regression ? inverseTarget(preprocessing, v) : v,
    );
  const prediction = predictionOf(0);
  return {
    prediction,
    effects: columns.map((column, i) => {
      const replaced = predictionOf(i + 1);
      return {
        column: column.column,
        reference: references[i] as string,
        replaced,
        change: prediction.map((p, k) => p - (replaced[k] as number)),
      };
    }),
  };
}
