/**
 * How much each input moved one prediction (the try-it panel, tables): replace one input column
 * by a typical training value, predict again, and report the change. Works from the Preprocessing
 * alone, so it needs no training data (a shared link or an imported bundle has none).
 *
 * The typical value of a column is its kind's (`writeReference` in `data/columnKinds/`): the
 * training mean of a standardized number, the more frequent of true/false, the most frequent
 * category, every date feature at its training mean.
 */
import { kindOf } from "../data/columnKinds";
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
    const offset = column.features[0] ?? 0;
    return kindOf(transform).writeReference(transform, copy, offset, featureMeans);
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
