/**
 * What a classification report should warn about in words: classes the test split could not score,
 * and signs that the model leans on the majority class (so balanced class weights may help — only
 * when the classes are unequal: on equal classes balanced weights are all 1 and change nothing).
 */
import type { ClassificationReport } from "./types";

/** A class's recall below this share of the best class's recall counts as far below the others. */
export const LOW_RECALL_RATIO = 0.5;

/**
 * Classes count as unequal when the largest has at least this many times the rows of the smallest.
 * Read from the test split's supports: the split is stratified, so they mirror the training rows.
 */
export const IMBALANCE_RATIO = 1.5;

export interface ReportAdvice {
  /** Classes with no test rows: scored 0 (zero_division=0), pulling the macro average down. */
  classesWithoutTestRows: string[];
  /** Accuracy at or below always guessing the training split's most frequent class. */
  noBetterThanBaseline: boolean;
  /** Classes with test rows whose recall is under LOW_RECALL_RATIO × the best class's recall. */
  lowRecallClasses: Array<{ className: string; recall: number }>;
  /** The best recall among classes with test rows (what lowRecallClasses are compared with). */
  bestRecall: number;
  /** The classes have about as many test rows each (largest < IMBALANCE_RATIO × smallest). */
  classesBalanced: boolean;
  /**
   * Balanced class weights are worth a try: the model loses to the baseline or neglects a class,
   * and the classes are unequal (on equal classes the weights are all 1).
   */
  suggestBalancedWeights: boolean;
}

/** Reads a classification report for the warnings above; pure, from the report alone. */
export function adviseOnReport(report: ClassificationReport): ReportAdvice {
  const scored = report.perClass.filter((c) => c.support > 0);
  const classesWithoutTestRows = report.perClass
    .filter((c) => c.support === 0)
    .map((c) => c.className);
  const bestRecall = scored.reduce((best, c) => Math.max(best, c.recall), 0);
  const lowRecallClasses =
    bestRecall > 0
      ? scored
          .filter((c) => c.recall < LOW_RECALL_RATIO * bestRecall)
          .map(({ className, recall }) => ({ className, recall }))
      : [];
  const noBetterThanBaseline = report.testSize > 0 && report.accuracy <= report.baselineAccuracy;
  // All classes: one without test rows is rare in the data too (the split is stratified).
  const supports = report.perClass.map((c) => c.support);
  const classesBalanced =
    supports.length > 0 && Math.max(...supports) < IMBALANCE_RATIO * Math.min(...supports);
  return {
    classesWithoutTestRows,
    noBetterThanBaseline,
    lowRecallClasses,
    bestRecall,
    classesBalanced,
    suggestBalancedWeights:
      !classesBalanced && (noBetterThanBaseline || lowRecallClasses.length > 0),
  };
}
