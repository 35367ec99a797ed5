/**
 * ROC and precision–recall curves and their scores, as scikit-learn 1.2 computes them
 * (roc_curve with drop_intermediate, precision_recall_curve, roc_auc_score with multi_class="ovr",
 * average_precision_score), so a person recomputing them from the predictions CSV gets the same
 * numbers. Inputs are plain arrays: a 0/1 "is positive" flag and a score per row.
 */
import { numpySum } from "./metrics";

export interface RocCurve {
  /** False positive rate per point, from 0 up to 1. */
  fpr: number[];
  /** True positive rate (recall) per point, from 0 up to 1. */
  tpr: number[];
  /** Score threshold of each point (positive when score ≥ threshold); the first is max + 1. */
  thresholds: number[];
}

export interface PrCurve {
  /** Precision per point; the last point is (recall 0, precision 1). */
  precision: number[];
  /** Recall per point, decreasing to 0. */
  recall: number[];
  /** One fewer than the points: the threshold of each but the last, increasing. */
  thresholds: number[];
}

function checkInputs(positive: ArrayLike<number>, scores: ArrayLike<number>): void {
  if (positive.length !== scores.length) {
    throw new Error(`Got ${positive.length} labels but ${scores.length} scores.`);
  }
  for (let i = 0; i < scores.length; i++) {
    if (!Number.isFinite(scores[i] as number)) {
      throw new Error(`Score ${i + 1} is ${scores[i]}; every score must be a finite number.`);
    }
  }
}

/** Counts of false and true positives at each distinct score, from the highest score down. */
function binaryClassifierCurve(positive: ArrayLike<number>, scores: ArrayLike<number>) {
  checkInputs(positive, scores);
  const order = Array.from({ length: scores.length }, (_, i) => i).sort(
    (a, b) => (scores[b] as number) - (scores[a] as number),
  );
  const fps: number[] = [];
  const tps: number[] = [];
  const thresholds: number[] = [];
  let truePositives = 0;
  order.forEach((row, i) => {
    if (positive[row]) truePositives++;
    const next = order[i + 1];
    if (next === undefined || scores[next] !== scores[row]) {
      tps.push(truePositives);
      fps.push(i + 1 - truePositives);
      thresholds.push(scores[row] as number);
    }
  });
  return { fps, tps, thresholds };
}

/**
 * ROC curve of a binary problem, as sklearn.metrics.roc_curve (drop_intermediate=True). `positive`
 * is 1 for a positive row, 0 otherwise; `scores` the positive class's probability per row. Null
 * when the rows are all positive or all negative (a rate would divide by zero).
 */
export function rocCurve(positive: ArrayLike<number>, scores: ArrayLike<number>): RocCurve | null {
  let { fps, tps, thresholds } = binaryClassifierCurve(positive, scores);
  if (fps.length > 2) {
    // Keep only the corners: points where the curve changes direction (and the two ends).
    const keep = fps.map((_, i) => {
      if (i === 0 || i === fps.length - 1) return true;
      const bend = (a: number[]) =>
        (a[i + 1] as number) - (a[i] as number) - ((a[i] as number) - (a[i - 1] as number));
      return bend(fps) !== 0 || bend(tps) !== 0;
    });
    fps = fps.filter((_, i) => keep[i]);
    tps = tps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  const negatives = fps[fps.length - 1] ?? 0;
  const positives = tps[tps.length - 1] ?? 0;
  if (negatives <= 0 || positives <= 0) return null;
  return {
    fpr: [0, ...fps.map((v) => v / negatives)],
    tpr: [0, ...tps.map((v) => v / positives)],
    thresholds: [(thresholds[0] as number) + 1, ...thresholds],
  };
}

/**
 * Precision–recall curve, as sklearn.metrics.precision_recall_curve (every distinct score is a
 * threshold). Null when no row is positive (recall would divide by zero).
 */
export function precisionRecallCurve(
  positive: ArrayLike<number>,
  scores: ArrayLike<number>,
): PrCurve | null {
  const { fps, tps, thresholds } = binaryClassifierCurve(positive, scores);
  const positives = tps[tps.length - 1] ?? 0;
  if (positives <= 0) return null;
  const precision = tps.map((tp, i) => tp / (tp + (fps[i] as number))).reverse();
  const recall = tps.map((tp) => tp / positives).reverse();
  return {
    precision: [...precision, 1],
    recall: [...recall, 0],
    thresholds: [...thresholds].reverse(),
  };
}

/** Area under a curve by the trapezoidal rule, in numpy.trapz's order of operations. */
function trapezoid(x: number[], y: number[]): number {
  const parts = new Float64Array(Math.max(0, x.length - 1));
  for (let i = 0; i < parts.length; i++) {
    const dx = (x[i + 1] as number) - (x[i] as number);
    parts[i] = (dx * ((y[i + 1] as number) + (y[i] as number))) / 2;
  }
  return numpySum(parts);
}

/** ROC AUC of a binary problem (roc_auc_score); null when only one class is present. */
export function rocAuc(positive: ArrayLike<number>, scores: ArrayLike<number>): number | null {
  const curve = rocCurve(positive, scores);
  return curve ? trapezoid(curve.fpr, curve.tpr) : null;
}

/**
 * Average precision (average_precision_score): Σ (Rₙ − Rₙ₋₁)·Pₙ over the PR curve's points, no
 * interpolation. Null when no row is positive.
 */
export function averagePrecision(
  positive: ArrayLike<number>,
  scores: ArrayLike<number>,
): number | null {
  const curve = precisionRecallCurve(positive, scores);
  if (!curve) return null;
  const { precision, recall } = curve;
  const terms = new Float64Array(recall.length - 1);
  for (let i = 0; i < terms.length; i++) {
    terms[i] = ((recall[i + 1] as number) - (recall[i] as number)) * (precision[i] as number);
  }
  return -numpySum(terms);
}

export interface ClassCurves {
  /** The class taken as positive (the others together are negative). */
  classIndex: number;
  /** Test rows of this class. */
  support: number;
  roc: RocCurve | null;
  pr: PrCurve | null;
  /** Null when undefined: the class has no test rows (or every test row is of this class). */
  rocAuc: number | null;
  averagePrecision: number | null;
}

export interface Averaged {
  /** Plain mean over the classes where the score is defined. */
  macro: number | null;
  /** Mean weighted by each class's support (scikit-learn's average="weighted"). */
  weighted: number | null;
}

export interface CurvesReport {
  /** Binary tasks: one entry, class 1 as positive. More classes: one per class, one-vs-rest. */
  perClass: ClassCurves[];
  /** Binary: both averages are the single score, as scikit-learn gives for binary targets. */
  rocAuc: Averaged;
  averagePrecision: Averaged;
}

function average(scores: Array<number | null>, supports: number[]): Averaged {
  const defined = scores.flatMap((s, i) => (s === null ? [] : [{ s, w: supports[i] as number }]));
  if (defined.length === 0) return { macro: null, weighted: null };
  const totalWeight = numpySum(defined.map((d) => d.w));
  return {
    macro: numpySum(defined.map((d) => d.s)) / defined.length,
    weighted: totalWeight === 0 ? null : numpySum(defined.map((d) => d.s * d.w)) / totalWeight,
  };
}

/**
 * Curves and scores of a classifier's test predictions. labels: class index per row;
 * probabilities: [rows, classCount] row-major. Two classes: the binary curves of class 1. More:
 * one-vs-rest per class, with macro and weighted averages as roc_auc_score(multi_class="ovr") and
 * average_precision_score on the binarized labels. Where scikit-learn raises for a class that has
 * no test rows, that class's scores are null and it is left out of the averages.
 */
export function classificationCurves(
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  classCount: number,
): CurvesReport {
  const rows = labels.length;
  if (probabilities.length !== rows * classCount) {
    throw new Error(`Expected ${rows}×${classCount} probabilities, got ${probabilities.length}.`);
  }
  const classes = classCount === 2 ? [1] : Array.from({ length: classCount }, (_, c) => c);
  const perClass = classes.map((c): ClassCurves => {
    const positive = new Uint8Array(rows);
    const scores = new Float64Array(rows);
    let support = 0;
    for (let r = 0; r < rows; r++) {
      positive[r] = labels[r] === c ? 1 : 0;
      support += positive[r] as number;
      scores[r] = probabilities[r * classCount + c] as number;
    }
    return {
      classIndex: c,
      support,
      roc: rocCurve(positive, scores),
      pr: precisionRecallCurve(positive, scores),
      rocAuc: rocAuc(positive, scores),
      averagePrecision: averagePrecision(positive, scores),
    };
  });
  if (classCount === 2) {
    const only = perClass[0] as ClassCurves;
    return {
      perClass,
      rocAuc: { macro: only.rocAuc, weighted: only.rocAuc },
      averagePrecision: { macro: only.averagePrecision, weighted: only.averagePrecision },
    };
  }
  const supports = perClass.map((p) => p.support);
  return {
    perClass,
    rocAuc: average(
      perClass.map((p) => p.rocAuc),
      supports,
    ),
    averagePrecision: average(
      perClass.map((p) => p.averagePrecision),
      supports,
    ),
  };
}
