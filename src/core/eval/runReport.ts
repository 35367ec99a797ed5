import type { LabelEncoding } from "../data/types";
import { inverseTarget } from "../data/preprocess";
import { classificationScores, type ClassificationScores } from "./classificationScores";
import { argmaxRows, classificationReport, regressionReport } from "./metrics";
import type { EvaluationReport } from "./types";
import type { LinearBaseline } from "./linearBaseline";
import type { PictureLinearModel } from "../model/pictureLinearModel";

/**
 * A run's report from its test outputs: the metrics, the linear baseline's, the curve scores and
 * the predictions. Pure arithmetic over the test rows, done in the training worker when the run
 * ends (on the page it was one task of 80–230 ms for 15,000 test rows: cold code, once a run).
 */

/** What the report needs of the data besides the outputs: the label and the true values. */
export interface ReportInputs {
  label: LabelEncoding;
  /** Classification: class index per test row, and per training row (for the class balance). */
  testLabels: ArrayLike<number>;
  trainLabels: ArrayLike<number>;
  /** Regression: the targets as written in the file, test and training rows. */
  testTargets: ArrayLike<number>;
  trainTargets: ArrayLike<number>;
}

/** The linear baseline's test outputs (see the training worker's protocol). */
export interface LinearOutputs {
  outputs: Float64Array;
  iterations: number;
  converged: boolean;
  /** Pictures: what the fit saw, in words (see PictureLinearModel). */
  picture?: { inputs: string };
}

export interface LinearComparison {
  report: EvaluationReport;
  scores: ClassificationScores | null;
  /** L-BFGS iterations of a logistic fit (0 for ridge, which is solved in closed form). */
  iterations: number;
  /** False when the logistic fit stopped at its iteration cap. */
  converged: boolean;
  /** Pictures: what the linear model was fitted on, in words. */
  inputs?: string;
  /** The fitted coefficients, when the run that fitted them is the one on the page. */
  fitted?: LinearBaseline;
  /**
   * Pictures: the linear model whole and its test outputs ([rows, classCount]), since the page
   * holds no features to compute them from.
   */
  picture?: PictureLinearModel & { outputs: Float64Array };
}

export type ReportPredictions =
  | {
      task: "classification";
      classNames: string[];
      actual: number[];
      predicted: number[];
      probabilities: Float32Array;
    }
  | { task: "regression"; actual: number[]; predicted: number[] };

export interface ReportParts {
  /** The network's report (without the linear baseline and cross-validation it keeps). */
  report: EvaluationReport;
  scores: ClassificationScores | null;
  linear: LinearComparison | null;
  predictions: ReportPredictions;
  /** Regression: actual and predicted values for the plot (an even sample of large splits). */
  points: Array<{ actual: number; predicted: number }>;
}

export const MAX_PLOT_POINTS = 500;

/** Every k-th row, so that at most MAX_PLOT_POINTS remain, spread evenly over the split. */
export function plotSample(
  actual: number[],
  predicted: number[],
): Array<{ actual: number; predicted: number }> {
  const step = Math.max(1, Math.ceil(actual.length / MAX_PLOT_POINTS));
  const points: Array<{ actual: number; predicted: number }> = [];
  for (let i = 0; i < actual.length; i += step)
    points.push({ actual: actual[i] ?? NaN, predicted: predicted[i] ?? NaN });
  return points;
}

/**
 * The report of test outputs ([rows, outputSize] row-major: probabilities or standardized
 * targets) against `inputs`, with the linear baseline's when given; targets in their own units.
 */
export function computeReportParts(
  inputs: ReportInputs,
  testOutputs: Float32Array,
  outputSize: number,
  linearOutputs: LinearOutputs | null | undefined,
): ReportParts {
  const { label } = inputs;
  if (label.kind === "classes") {
    const classNames = label.classNames;
    const actual = Array.from(inputs.testLabels);
    const trainLabels = Array.from(inputs.trainLabels);
    const predicted = argmaxRows(testOutputs, outputSize);
    const classCount = classNames.length;
    const linear = linearOutputs
      ? {
          report: classificationReport(
            actual,
            argmaxRows(Array.from(linearOutputs.outputs), classCount),
            classNames,
            trainLabels,
          ),
          scores: classificationScores(actual, linearOutputs.outputs, classCount),
          iterations: linearOutputs.iterations,
          converged: linearOutputs.converged,
          ...(linearOutputs.picture ? { inputs: linearOutputs.picture.inputs } : {}),
        }
      : null;
    return {
      report: classificationReport(actual, predicted, classNames, trainLabels),
      scores: classificationScores(actual, testOutputs, classCount),
      linear,
      predictions: {
        task: "classification",
        classNames,
        actual,
        predicted,
        probabilities: testOutputs,
      },
      points: [],
    };
  }
  const inverse = (value: number) => inverseTarget({ label }, value);
  const actual = Array.from(inputs.testTargets);
  const predicted = Array.from(testOutputs, inverse);
  const trainTargets = Array.from(inputs.trainTargets);
  const linear = linearOutputs
    ? {
        report: regressionReport(actual, Array.from(linearOutputs.outputs, inverse), trainTargets),
        scores: null,
        iterations: 0,
        converged: true,
      }
    : null;
  return {
    report: regressionReport(actual, predicted, trainTargets),
    scores: null,
    linear,
    predictions: { task: "regression", actual, predicted },
    points: plotSample(actual, predicted),
  };
}
