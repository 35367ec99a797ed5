import type { BackendName } from "../core/backend/backends";
import { inverseTarget } from "../core/data/preprocess";
import { argmaxRows, classificationReport, regressionReport } from "../core/eval/metrics";
import type { PredictionsCsvInput } from "../core/eval/predictionsCsv";
import type { CrossValidationSummary } from "../core/eval/crossValidation";
import type { EvaluationReport } from "../core/eval/types";
import type { LinearBaselineOutputs } from "../worker/protocol";
import type { ImportanceRows } from "../worker/predictService";
import { classificationScores, type ClassificationScores } from "./classificationScores";
import type { TrainOutcome } from "../core/train/types";
import type { PreparedData } from "../worker/dataService";

export interface Evaluation {
  report: EvaluationReport;
  /** The test split's predictions as CSV (data_row[,id],actual,predicted[,p_<class>…]). */
  predictions: PredictionsCsvInput;
  /** Regression: actual and predicted values for the plot (an even sample of large test splits). */
  points: Array<{ actual: number; predicted: number }>;
  inputsKey: string;
  outcome: TrainOutcome;
  backend: BackendName;
  /** The column the model predicts. */
  targetName: string;
  /** Classification: ROC/PR curves, their scores, log loss and calibration (null if undefined). */
  scores: ClassificationScores | null;
  /** The preprocessed test rows (x [rows, features], y class or standardized target). */
  testRows: ImportanceRows;
  /** The linear model fitted on the same training split, tested on the same rows. */
  linear: LinearComparison | null;
  /** Cross-validation of the network and the linear model, when it was asked for. */
  crossValidation: CrossValidationSummary | null;
}

export interface LinearComparison {
  report: EvaluationReport;
  scores: ClassificationScores | null;
  /** L-BFGS iterations of a logistic fit (0 for ridge, which is solved in closed form). */
  iterations: number;
  /** False when the logistic fit stopped at its iteration cap. */
  converged: boolean;
}

/** Turns the worker's test outputs into a report, with targets in the data's own units. */
export function buildEvaluation(input: {
  prepared: PreparedData;
  testOutputs: Float32Array;
  outputSize: number;
  inputsKey: string;
  outcome: TrainOutcome;
  backend: BackendName;
  linear?: LinearBaselineOutputs | null;
  crossValidation?: CrossValidationSummary | null;
}): Evaluation {
  const { prepared } = input;
  const { preprocessing } = prepared.plan;
  const base = {
    inputsKey: input.inputsKey,
    outcome: input.outcome,
    backend: input.backend,
    targetName: preprocessing.label.column,
    testRows: { x: prepared.test.x, y: prepared.test.y, rows: prepared.test.rows },
    crossValidation: input.crossValidation ?? null,
  };
  if (preprocessing.label.kind === "classes") {
    const classNames = preprocessing.label.classNames;
    const actual = Array.from(prepared.test.y);
    const predicted = argmaxRows(input.testOutputs, input.outputSize);
    const networkReport = classificationReport(
      actual,
      predicted,
      classNames,
      Array.from(prepared.train.y),
    );
    const classCount = classNames.length;
    const linear = input.linear
      ? {
          report: classificationReport(
            actual,
            argmaxRows(Array.from(input.linear.outputs), classCount),
            classNames,
            Array.from(prepared.train.y),
          ),
          scores: classificationScores(actual, input.linear.outputs, classCount),
          iterations: input.linear.iterations,
          converged: input.linear.converged,
        }
      : null;
    return {
      ...base,
      report: withExtras(networkReport, linear, input.crossValidation),
      scores: classificationScores(actual, input.testOutputs, classCount),
      linear,
      predictions: {
        task: "classification",
        classNames,
        actual,
        predicted,
        probabilities: input.testOutputs,
        origin: prepared.testOrigin,
      },
      points: [],
    };
  }
  const actual = Array.from(prepared.testTargets);
  const predicted = Array.from(input.testOutputs, (value) => inverseTarget(preprocessing, value));
  const trainTargets = Array.from(prepared.trainTargets);
  const networkReport = regressionReport(actual, predicted, trainTargets);
  const linear = input.linear
    ? {
        report: regressionReport(
          actual,
          Array.from(input.linear.outputs, (value) => inverseTarget(preprocessing, value)),
          trainTargets,
        ),
        scores: null,
        iterations: 0,
        converged: true,
      }
    : null;
  return {
    ...base,
    report: withExtras(networkReport, linear, input.crossValidation),
    scores: null,
    linear,
    predictions: { task: "regression", actual, predicted, origin: prepared.testOrigin },
    points: plotSample(actual, predicted),
  };
}

/** The network's report with what it keeps besides (see ReportExtras), for projects and bundles. */
function withExtras<Report extends EvaluationReport>(
  report: Report,
  linear: LinearComparison | null,
  crossValidation: CrossValidationSummary | null | undefined,
): Report {
  return {
    ...report,
    ...(linear
      ? {
          linear: {
            report: linear.report,
            iterations: linear.iterations,
            converged: linear.converged,
          },
        }
      : {}),
    ...(crossValidation ? { crossValidation } : {}),
  };
}

/** The linear comparison a saved report kept (its curve scores are not kept), or null. */
export function linearOfReport(report: EvaluationReport): LinearComparison | null {
  const kept = report.linear;
  return kept
    ? { report: kept.report, scores: null, iterations: kept.iterations, converged: kept.converged }
    : null;
}

/**
 * A saved run's report as the report shows it: the curve scores recomputed from its test
 * predictions, the linear baseline's scores and cross-validation as the report kept them, and no
 * test features (a project does not keep them), so permutation importance is not offered for it.
 */
export function reopenedEvaluation(
  saved: Omit<Evaluation, "inputsKey" | "scores" | "linear" | "testRows" | "crossValidation">,
): Omit<Evaluation, "inputsKey"> {
  const { predictions } = saved;
  return {
    ...saved,
    scores:
      predictions.task === "classification"
        ? classificationScores(
            predictions.actual,
            predictions.probabilities,
            predictions.classNames.length,
          )
        : null,
    linear: linearOfReport(saved.report),
    crossValidation: saved.report.crossValidation ?? null,
    testRows: { x: new Float32Array(0), y: new Float32Array(0), rows: 0 },
  };
}

/** Most rows a scatter plot draws; SVG with many more points stalls the page. */
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
