import { argmaxRows } from "./metrics";

/** A binary classifier's decisions at a chosen threshold on the positive class's probability. */

export interface ThresholdResult {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** TP / (TP + FP); 0 when nothing is predicted positive (scikit-learn's zero_division=0). */
  precision: number;
  /** TP / (TP + FN); 0 when no row is positive. */
  recall: number;
  /** (TP + TN) / rows. */
  accuracy: number;
  /** confusion[actual][predicted] with 0 = negative, 1 = positive (the report's layout). */
  confusion: number[][];
}

/**
 * The confusion matrix, precision and recall when a row is called positive if its probability is
 * at least `threshold` (the convention of roc_curve's thresholds, so each ROC point is a
 * threshold here). positive: 1 for a positive row, 0 otherwise; probability: of the positive
 * class, per row. Note: the model's own argmax calls a row positive only above 0.5, so at exactly
 * 0.5 a row with p = 0.5 differs.
 */
export function binaryAtThreshold(
  positive: ArrayLike<number>,
  probability: ArrayLike<number>,
  threshold: number,
): ThresholdResult {
  if (positive.length !== probability.length) {
    throw new Error(`Got ${positive.length} labels but ${probability.length} probabilities.`);
  }
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  for (let i = 0; i < positive.length; i++) {
    const called = (probability[i] as number) >= threshold;
    if (positive[i]) {
      if (called) tp++;
      else fn++;
    } else if (called) fp++;
    else tn++;
  }
  const rows = positive.length;
  return {
    threshold,
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    trueNegatives: tn,
    precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    accuracy: rows === 0 ? 0 : (tp + tn) / rows,
    confusion: [
      [tn, fp],
      [fn, tp],
    ],
  };
}

/**
 * The class each row of a model's outputs stands for: `outputs` row-major [rows, classCount]
 * probabilities. Two classes with a `threshold`: class 1 (the positive one) when its probability is
 * at least the threshold, as the report's threshold control counts; otherwise the most probable
 * class (ties to the first).
 */
export function decideClasses(
  outputs: Float32Array | number[],
  classCount: number,
  threshold?: number,
): number[] {
  if (classCount !== 2 || threshold === undefined) return argmaxRows(outputs, classCount);
  const rows = Math.floor(outputs.length / 2);
  return Array.from({ length: rows }, (_, row) =>
    (outputs[row * 2 + 1] as number) >= threshold ? 1 : 0,
  );
}
