import type { BackendName } from "../core/backend/backends";
import { rawTargets, type DatasetPlan, type MaterializedData } from "../core/data/prepare";
import { inverseTarget } from "../core/data/preprocess";
import type { ParsedTable } from "../core/data/types";
import { argmaxRows, classificationReport, regressionReport } from "../core/eval/metrics";
import { predictionsCsv } from "../core/eval/predictionsCsv";
import type { EvaluationReport } from "../core/eval/types";
import type { TrainOutcome } from "../core/train/types";

export interface Evaluation {
  report: EvaluationReport;
  /** The test split's predictions as CSV (actual,predicted[,p_<class>…]). */
  predictionsCsv: string;
  /** Regression: actual and predicted values for the plot. */
  points: Array<{ actual: number; predicted: number }>;
  inputsKey: string;
  outcome: TrainOutcome;
  backend: BackendName;
}

/** Turns the worker's test outputs into a report, with targets in the data's own units. */
export function buildEvaluation(input: {
  table: ParsedTable;
  plan: DatasetPlan;
  data: MaterializedData;
  testOutputs: Float32Array;
  outputSize: number;
  inputsKey: string;
  outcome: TrainOutcome;
  backend: BackendName;
}): Evaluation {
  const { plan, data, table } = input;
  const { preprocessing } = plan;
  const base = { inputsKey: input.inputsKey, outcome: input.outcome, backend: input.backend };
  if (preprocessing.label.kind === "classes") {
    const classNames = preprocessing.label.classNames;
    const actual = Array.from(data.test.y);
    const predicted = argmaxRows(input.testOutputs, input.outputSize);
    const report = classificationReport(actual, predicted, classNames, Array.from(data.train.y));
    return {
      ...base,
      report,
      predictionsCsv: predictionsCsv({
        task: "classification",
        classNames,
        actual,
        predicted,
        probabilities: input.testOutputs,
      }),
      points: [],
    };
  }
  const actual = rawTargets(table, preprocessing, data.test.rowIndices);
  const predicted = Array.from(input.testOutputs, (value) => inverseTarget(preprocessing, value));
  const report = regressionReport(
    actual,
    predicted,
    rawTargets(table, preprocessing, data.train.rowIndices),
  );
  return {
    ...base,
    report,
    predictionsCsv: predictionsCsv({ task: "regression", actual, predicted }),
    points: actual.map((value, i) => ({ actual: value, predicted: predicted[i] ?? NaN })),
  };
}
