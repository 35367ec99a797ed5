import type { BackendName } from "../core/backend/backends";
import { inverseTarget } from "../core/data/preprocess";
import { argmaxRows, classificationReport, regressionReport } from "../core/eval/metrics";
import type { PredictionsCsvInput } from "../core/eval/predictionsCsv";
import type { EvaluationReport } from "../core/eval/types";
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
}

/** Turns the worker's test outputs into a report, with targets in the data's own units. */
export function buildEvaluation(input: {
  prepared: PreparedData;
  testOutputs: Float32Array;
  outputSize: number;
  inputsKey: string;
  outcome: TrainOutcome;
  backend: BackendName;
}): Evaluation {
  const { prepared } = input;
  const { preprocessing } = prepared.plan;
  const base = {
    inputsKey: input.inputsKey,
    outcome: input.outcome,
    backend: input.backend,
    targetName: preprocessing.label.column,
  };
  if (preprocessing.label.kind === "classes") {
    const classNames = preprocessing.label.classNames;
    const actual = Array.from(prepared.test.y);
    const predicted = argmaxRows(input.testOutputs, input.outputSize);
    const report = classificationReport(
      actual,
      predicted,
      classNames,
      Array.from(prepared.train.y),
    );
    return {
      ...base,
      report,
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
  const report = regressionReport(actual, predicted, Array.from(prepared.trainTargets));
  return {
    ...base,
    report,
    predictions: { task: "regression", actual, predicted, origin: prepared.testOrigin },
    points: plotSample(actual, predicted),
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
