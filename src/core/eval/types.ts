/** Evaluation reports: plain data computed from plain arrays. */

export interface ClassMetrics {
  className: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ClassificationReport {
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

export interface RegressionReport {
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
