import { classCalibration, logLoss, type ClassCalibration } from "./calibration";
import { classificationCurves, type CurvesReport } from "./curves";

/** How good a classifier's probabilities are: curves and scores on the test split. */
export interface ClassificationScores {
  curves: CurvesReport;
  /** Mean log loss in nats (sklearn.metrics.log_loss). */
  logLoss: number;
  /** Brier score and reliability curve: class 1 for two classes, one-vs-rest otherwise. */
  calibration: ClassCalibration[];
}

/**
 * Curves, log loss and calibration of test probabilities ([rows, classCount] row-major) against
 * class indices. Null when they are undefined: fewer than two classes, or probabilities that are
 * not numbers (a network that diverged).
 */
export function classificationScores(
  labels: number[],
  probabilities: ArrayLike<number>,
  classCount: number,
): ClassificationScores | null {
  if (classCount < 2 || labels.length === 0) return null;
  try {
    return {
      curves: classificationCurves(labels, probabilities, classCount),
      logLoss: logLoss(labels, probabilities, classCount),
      calibration: classCalibration(labels, probabilities, classCount),
    };
  } catch {
    return null;
  }
}

/** Most points a kept curve holds (a report in a project, bundle or link); see keptScores. */
export const MAX_KEPT_CURVE_POINTS = 500;

/** A class's curves as a report keeps them: the points to draw and the exact scores. */
export interface KeptClassCurves {
  classIndex: number;
  support: number;
  roc: { fpr: number[]; tpr: number[] } | null;
  pr: { precision: number[]; recall: number[] } | null;
  rocAuc: number | null;
  averagePrecision: number | null;
}

/**
 * The scores a report shows, as a report keeps them for a project, bundle or link: every number
 * exactly as measured; the curves without their thresholds (never shown) and thinned to
 * MAX_KEPT_CURVE_POINTS points each, which a chart 260 pixels high draws the same. A
 * ClassificationScores is one too, so the report draws either.
 */
export interface ReportScores {
  curves: {
    perClass: KeptClassCurves[];
    rocAuc: CurvesReport["rocAuc"];
    averagePrecision: CurvesReport["averagePrecision"];
  };
  logLoss: number;
  calibration: ClassCalibration[];
}

/** Indices 0, step, 2·step… and always the last, so at most `max` (≥ 2) of `length`. */
function evenIndices(length: number, max: number): number[] {
  if (length <= max) return Array.from({ length }, (_, i) => i);
  const step = Math.ceil((length - 1) / (max - 1));
  const kept: number[] = [];
  for (let i = 0; i < length - 1; i += step) kept.push(i);
  kept.push(length - 1);
  return kept;
}

function thinPair<K extends string>(
  curve: Record<K, number[]>,
  keys: readonly [K, K],
  max: number,
): Record<K, number[]> {
  const [a, b] = keys;
  const indices = evenIndices(curve[a].length, max);
  return {
    [a]: indices.map((i) => curve[a][i] as number),
    [b]: indices.map((i) => curve[b][i] as number),
  } as Record<K, number[]>;
}

/** The scores to keep in a report (see ReportScores). Pure; the input is not changed. */
export function keptScores(
  scores: ReportScores,
  maxPoints: number = MAX_KEPT_CURVE_POINTS,
): ReportScores {
  const max = Math.max(2, maxPoints);
  return {
    curves: {
      perClass: scores.curves.perClass.map((c) => ({
        classIndex: c.classIndex,
        support: c.support,
        roc: c.roc ? thinPair(c.roc, ["fpr", "tpr"], max) : null,
        pr: c.pr ? thinPair(c.pr, ["precision", "recall"], max) : null,
        rocAuc: c.rocAuc,
        averagePrecision: c.averagePrecision,
      })),
      rocAuc: { ...scores.curves.rocAuc },
      averagePrecision: { ...scores.curves.averagePrecision },
    },
    logLoss: scores.logLoss,
    calibration: scores.calibration.map((c) => ({
      classIndex: c.classIndex,
      brier: c.brier,
      curve: {
        fractionPositive: [...c.curve.fractionPositive],
        meanPredicted: [...c.curve.meanPredicted],
        counts: [...c.curve.counts],
        bins: [...c.curve.bins],
      },
    })),
  };
}
