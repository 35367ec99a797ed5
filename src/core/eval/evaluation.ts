import type { BackendName } from "../backend/backends";
import type { PredictionsCsvInput } from "./predictionsCsv";
import type { CrossValidationSummary } from "./crossValidation";
import type { EvaluationReport } from "./types";
import type { LinearBaselineOutputs } from "./linearOutputs";
import type { ImportanceRows } from "./importance";
import {
  classificationScores,
  keptScores,
  type ClassificationScores,
} from "./classificationScores";
import {
  computeReportParts,
  type LinearComparison,
  type ReportInputs,
  type ReportParts,
} from "./runReport";

export type { LinearComparison } from "./runReport";
import type { TrainOutcome } from "../train/types";
import type { PreparedData } from "../data/preparedData";

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
  /** The report's arithmetic done already (by the training worker); computed here otherwise. */
  parts?: ReportParts | null;
}): Evaluation {
  const { prepared } = input;
  const { preprocessing } = prepared.plan;
  const parts =
    input.parts ??
    computeReportParts(reportInputsOf(prepared), input.testOutputs, input.outputSize, input.linear);
  return {
    inputsKey: input.inputsKey,
    outcome: input.outcome,
    backend: input.backend,
    targetName: preprocessing.label.column,
    testRows: { x: prepared.test.x, y: prepared.test.y, rows: prepared.test.rows },
    crossValidation: input.crossValidation ?? null,
    report: withExtras(parts.report, parts.linear, input.crossValidation, parts.scores),
    scores: parts.scores,
    linear:
      parts.linear && input.linear?.model
        ? {
            ...parts.linear,
            fitted: input.linear.model,
            ...(input.linear.picture
              ? { picture: { ...input.linear.picture, outputs: input.linear.outputs } }
              : {}),
          }
        : parts.linear,
    predictions: { ...parts.predictions, origin: prepared.testOrigin },
    points: parts.points,
  };
}

/** What the report needs of prepared data besides the outputs (see computeReportParts). */
export function reportInputsOf(prepared: PreparedData): ReportInputs {
  return {
    label: prepared.plan.preprocessing.label,
    testLabels: prepared.test.y,
    trainLabels: prepared.train.y,
    testTargets: prepared.testTargets,
    trainTargets: prepared.trainTargets,
  };
}

/** The network's report with what it keeps besides (see ReportExtras), for projects and bundles. */
function withExtras<Report extends EvaluationReport>(
  report: Report,
  linear: LinearComparison | null,
  crossValidation: CrossValidationSummary | null | undefined,
  scores: ClassificationScores | null,
): Report {
  return {
    ...report,
    // Kept so a link or bundle, which carries no test predictions, shows them too.
    ...(scores && report.kind === "classification" ? { scores: keptScores(scores) } : {}),
    ...(linear
      ? {
          linear: {
            report: linear.report,
            iterations: linear.iterations,
            converged: linear.converged,
            ...(linear.inputs ? { inputs: linear.inputs } : {}),
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
    ? {
        report: kept.report,
        scores: null,
        iterations: kept.iterations,
        converged: kept.converged,
        ...(kept.inputs ? { inputs: kept.inputs } : {}),
      }
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
