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
