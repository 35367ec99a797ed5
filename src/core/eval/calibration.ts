/**
 * How good the probabilities are, not just the decisions: log loss, Brier score and the
 * reliability (calibration) curve, as scikit-learn 1.2 computes them (log_loss, brier_score_loss,
 * calibration.calibration_curve). Inputs are plain arrays.
 */
import { numpySum } from "./metrics";

/** float64 machine epsilon: log_loss's clipping (eps="auto") for probabilities read as float64. */
export const FLOAT64_EPSILON = 2.220446049250313e-16;

/**
 * Mean log loss (cross-entropy, in nats) of probabilities [rows, classCount] row-major against
 * class indices, as sklearn.metrics.log_loss(labels=range(classCount)) in version 1.2: every
 * probability is clipped to [eps, 1 − eps], each row renormalised to sum to 1, then the mean of
 * −log p(true class). `eps` defaults to float64's epsilon, what scikit-learn uses for
 * probabilities read back from the predictions CSV.
 */
export function logLoss(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
  eps = FLOAT64_EPSILON,
): number {
  const rows = labels.length;
  if (classCount < 2) throw new Error("Log loss needs at least two classes.");
  if (probabilities.length !== rows * classCount) {
    throw new Error(`Expected ${rows}×${classCount} probabilities, got ${probabilities.length}.`);
  }
  const losses = new Float64Array(rows);
  const row = new Float64Array(classCount);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < classCount; c++) {
      row[c] = Math.min(Math.max(probabilities[r * classCount + c] as number, eps), 1 - eps);
    }
    const label = labels[r] as number;
    if (!(label >= 0 && label < classCount)) throw new Error(`Row ${r + 1} has no valid class.`);
    losses[r] = -Math.log((row[label] as number) / numpySum(row));
  }
  return rows === 0 ? NaN : numpySum(losses) / rows;
}

/**
 * Brier score of a binary problem (brier_score_loss): the mean of (outcome − p)², where outcome is
 * 1 for a positive row and p the predicted probability of the positive class. 0 is perfect.
 */
export function brierScore(positive: ArrayLike<number>, probability: ArrayLike<number>): number {
  if (positive.length !== probability.length) {
    throw new Error(`Got ${positive.length} labels but ${probability.length} probabilities.`);
  }
  const squares = new Float64Array(positive.length);
  for (let i = 0; i < squares.length; i++) {
    squares[i] = ((positive[i] ? 1 : 0) - (probability[i] as number)) ** 2;
  }
  return squares.length === 0 ? NaN : numpySum(squares) / squares.length;
}

export interface CalibrationCurve {
  /** Per non-empty bin: the share of its rows that are positive (sklearn's prob_true). */
  fractionPositive: number[];
  /** Per non-empty bin: the mean predicted probability of its rows (sklearn's prob_pred). */
  meanPredicted: number[];
  /** Per non-empty bin: how many rows fell in it. */
  counts: number[];
  /** Per non-empty bin: its index among the nBins equal-width bins (0 = [0, 1/nBins]). */
  bins: number[];
}

/**
 * Reliability curve, as sklearn.calibration.calibration_curve(n_bins, strategy="uniform"): [0, 1]
 * cut into nBins equal bins (edges as numpy.linspace makes them; a probability equal to an inner
 * edge goes to the lower bin), empty bins left out. A calibrated model's points lie on the
 * diagonal.
 */
export function calibrationCurve(
  positive: ArrayLike<number>,
  probability: ArrayLike<number>,
  nBins = 10,
): CalibrationCurve {
  if (positive.length !== probability.length) {
    throw new Error(`Got ${positive.length} labels but ${probability.length} probabilities.`);
  }
  const step = 1 / nBins;
  const innerEdges = Array.from({ length: nBins - 1 }, (_, i) => (i + 1) * step);
  const sums = new Float64Array(nBins);
  const trues = new Float64Array(nBins);
  const totals = new Float64Array(nBins);
  for (let i = 0; i < probability.length; i++) {
    const p = probability[i] as number;
    if (!(p >= 0 && p <= 1)) throw new Error(`Probability ${i + 1} (${p}) is outside [0, 1].`);
    let bin = 0;
    while (bin < innerEdges.length && (innerEdges[bin] as number) < p) bin++;
    sums[bin] = (sums[bin] as number) + p;
    trues[bin] = (trues[bin] as number) + (positive[i] ? 1 : 0);
    totals[bin] = (totals[bin] as number) + 1;
  }
  const curve: CalibrationCurve = { fractionPositive: [], meanPredicted: [], counts: [], bins: [] };
  for (let b = 0; b < nBins; b++) {
    const total = totals[b] as number;
    if (total === 0) continue;
    curve.fractionPositive.push((trues[b] as number) / total);
    curve.meanPredicted.push((sums[b] as number) / total);
    curve.counts.push(total);
    curve.bins.push(b);
  }
  return curve;
}

export interface ClassCalibration {
  /** The class taken as positive. */
  classIndex: number;
  brier: number;
  curve: CalibrationCurve;
}

/**
 * Brier score and reliability curve per class. Two classes: class 1 only (scikit-learn's binary
 * Brier score). More: one-vs-rest for every class (scikit-learn 1.2 has no multiclass Brier
 * score; each value here is brier_score_loss(labels == c, probabilities[:, c])).
 * probabilities: [rows, classCount] row-major.
 */
export function classCalibration(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
  nBins = 10,
): ClassCalibration[] {
  const rows = labels.length;
  if (probabilities.length !== rows * classCount) {
    throw new Error(`Expected ${rows}×${classCount} probabilities, got ${probabilities.length}.`);
  }
  const classes = classCount === 2 ? [1] : Array.from({ length: classCount }, (_, c) => c);
  return classes.map((c) => {
    const positive = Uint8Array.from({ length: rows }, (_, r) => (labels[r] === c ? 1 : 0));
    const probability = Float64Array.from(
      { length: rows },
      (_, r) => probabilities[r * classCount + c] as number,
    );
    return {
      classIndex: c,
      brier: brierScore(positive, probability),
      curve: calibrationCurve(positive, probability, nBins),
    };
  });
}
