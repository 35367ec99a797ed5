/** Evaluation reports: plain data computed from plain arrays. */
import type { ReportScores } from "./classificationScores";
import type { CrossValidationSummary } from "./crossValidation";

/**
 * What a report keeps besides the network's own scores, so that a report reopened from a project,
 * bundle or link still shows them. Optional: reports made before they were kept lack them.
 */
export interface ReportExtras {
  /** The linear model fitted on the same training rows, scored on the same test rows. */
  /** `inputs`: pictures only, what the linear model was fitted on, in words. */
  linear?: { report: BaseReport; iterations: number; converged: boolean; inputs?: string };
  /** Cross-validation of the network and the linear model, when it was asked for. */
  crossValidation?: CrossValidationSummary;
  /**
   * Classification: the network's curve scores (ROC AUC, average precision, log loss, Brier,
   * the curves to draw), so a report opened without its test predictions shows them too.
   */
  scores?: ReportScores;
}

export interface ClassMetrics {
  className: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport extends ReportExtras {
  kind: "classification";
  classNames: string[];
  accuracy: number;
  perClass: ClassMetrics[];
  macro: { precision: number; recall: number; f1: number; support: number };
  weighted: { precision: number; recall: number; f1: number; support: number };
  /** confusion[actual][predicted] = count. */
  confusion: number[][];
  /** Accuracy of always predicting the training split's most frequent class. */
  baselineAccuracy: number;
  baselineClass: string;
  testSize: number;
}

export interface RegressionReport extends ReportExtras {
  kind: "regression";
  mae: number;
  mse: number;
  rmse: number;
  r2: number;
  /** The same metrics for always predicting the training split's mean. */
  baseline: { mae: number; mse: number; rmse: number; r2: number; value: number };
  testSize: number;
}

export type EvaluationReport = ClassificationReport | RegressionReport;

/** A report without the extras (the linear model's own report). */
export type BaseReport =
  Omit<ClassificationReport, keyof ReportExtras> | Omit<RegressionReport, keyof ReportExtras>;
