/**
 * The report's cross-validation: each fold's network and linear model scored on the fold's
 * held-out rows, summarised per metric as mean ± standard deviation across folds. A small table's
 * single test split is noise; folds say how much a score moves with the rows it is tested on.
 */
import type { LabelEncoding } from "../data/types";
import { aggregateFolds, type MeanStd } from "./folds";
import type { MetricId } from "./metricTable";
import { argmaxRows, classificationReport, regressionReport } from "./metrics";
import type { EvaluationReport } from "./types";

/** The metrics (METRICS ids) the report gives across folds, in the order the table shows them. */
export const CLASSIFICATION_FOLD_METRICS = [
  "accuracy",
  "precision",
  "recall",
  "f1",
] as const satisfies readonly MetricId[];
export const REGRESSION_FOLD_METRICS = ["r2", "mae", "rmse"] as const satisfies readonly MetricId[];

/** A metric given across folds (macro averages for precision, recall and F1). */
export type FoldMetric =
  (typeof CLASSIFICATION_FOLD_METRICS)[number] | (typeof REGRESSION_FOLD_METRICS)[number];

export type FoldMetrics = Partial<Record<FoldMetric, number>>;

export interface CrossValidationSummary {
  /** Folds asked for. */
  folds: number;
  /** Folds that finished (fewer when training was stopped; then there are no figures). */
  completed: number;
  /** Rows shared out over the folds (the training and validation rows; never the test split). */
  rows: number;
  network: Partial<Record<FoldMetric, MeanStd>>;
  /** Null when the linear model could not be fitted on every fold. */
  linear: Partial<Record<FoldMetric, MeanStd>> | null;
}

/** The report's headline metrics, as cross-validation summarises them. */
export function foldMetricsOf(report: EvaluationReport): FoldMetrics {
  if (report.kind === "classification") {
    const { precision, recall, f1 } = report.macro;
    return { accuracy: report.accuracy, precision, recall, f1 };
  }
  return { r2: report.r2, mae: report.mae, rmse: report.rmse };
}

/** What the page knows of one fold's held-out rows, to score answers on them. */
export interface FoldTruth {
  /** Class index (classification) per held-out row. */
  testLabels: ArrayLike<number>;
  /** Regression: the held-out rows' targets as written, and the fold's training targets. */
  testTargets: ArrayLike<number>;
  trainTargets: ArrayLike<number>;
  /** The fold's target encoding (regression: its own mean and spread). */
  label: LabelEncoding;
}

/**
 * One fold's metrics from a model's outputs on its held-out rows: [rows, classCount]
 * probabilities (classification) or [rows] standardised predictions (regression).
 */
export function scoreFold(truth: FoldTruth, outputs: ArrayLike<number>): FoldMetrics {
  const { label } = truth;
  if (label.kind === "classes") {
    const classCount = label.classNames.length;
    const actual = Array.from(truth.testLabels);
    const predicted = argmaxRows(Array.from(outputs), classCount);
    return foldMetricsOf(classificationReport(actual, predicted, label.classNames, actual));
  }
  const predicted = Array.from(outputs, (value) => value * label.std + label.mean);
  return foldMetricsOf(
    regressionReport(Array.from(truth.testTargets), predicted, Array.from(truth.trainTargets)),
  );
}

/**
 * Mean ± std of each metric over the folds that finished. `linear` holds each fold's linear
 * outputs, or null for a fold where it could not be fitted (then the linear column is left out).
 */
export function summarizeFolds(input: {
  truths: FoldTruth[];
  network: Array<ArrayLike<number>>;
  linear: Array<ArrayLike<number> | null>;
  folds: number;
  rows: number;
}): CrossValidationSummary {
  const completed = input.network.length;
  const network =
    completed === input.folds
      ? aggregateMetrics(input.network.map((outputs, i) => scoreFold(truthOf(input, i), outputs)))
      : {};
  const linearOutputs = input.linear.filter((o): o is ArrayLike<number> => o !== null);
  const linear =
    completed === input.folds && linearOutputs.length === completed
      ? aggregateMetrics(linearOutputs.map((outputs, i) => scoreFold(truthOf(input, i), outputs)))
      : null;
  return { folds: input.folds, completed, rows: input.rows, network, linear };
}

/** Every fold of one task has the same metrics, so the first fold's keys are every fold's. */
const aggregateMetrics = (perFold: FoldMetrics[]) =>
  aggregateFolds(perFold as Array<Record<FoldMetric, number>>);

function truthOf(input: { truths: FoldTruth[] }, fold: number): FoldTruth {
  const truth = input.truths[fold];
  if (!truth) throw new Error(`Fold ${fold + 1} has no held-out rows to score.`);
  return truth;
}
