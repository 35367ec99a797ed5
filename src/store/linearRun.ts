import { autoLayout } from "../core/model/layout";
import { predictLinearBaseline } from "../core/eval/linearBaseline";
import { argmaxRows } from "../core/eval/metrics";
import { classificationScores } from "../core/eval/classificationScores";
import { plotSample } from "../core/eval/runReport";
import { inverseTarget } from "../core/data/preprocess";
import { linearTrainedModel } from "../core/project/linearTrainedModel";
import type { TrainedModel } from "../core/project/trainedModel";
import type { Layout } from "../core/model/layout";
import type { Evaluation } from "../core/eval/evaluation";

/**
 * "Use the linear model" from a run's report: the linear model fitted beside the network, as a
 * model and a report of its own (its numbers are the report's linear column: same fit, same test
 * rows). Null when the report holds no fitted linear model (a reopened run).
 */
export function linearRunOf(input: {
  network: TrainedModel;
  evaluation: Evaluation;
  createdAt: string;
}): { model: TrainedModel; evaluation: Omit<Evaluation, "inputsKey">; layout: Layout } | null {
  const { network, evaluation } = input;
  const linear = evaluation.linear;
  const fitted = linear?.fitted;
  const picture = linear?.picture;
  const rows = picture ? evaluation.predictions.actual.length : evaluation.testRows.rows;
  if (!linear || !fitted || rows === 0 || network.linearFit) return null;
  const model = linearTrainedModel({
    network,
    fitted,
    report: linear.report,
    createdAt: input.createdAt,
    ...(picture ? { picture } : {}),
  });
  // Pictures: the worker's test outputs (the page holds no features to compute them from).
  const outputs = picture?.outputs ?? predictLinearBaseline(fitted, evaluation.testRows.x, rows);
  const { origin } = evaluation.predictions;
  const kept = evaluation.predictions;
  let predictions: Evaluation["predictions"];
  let points: Evaluation["points"] = [];
  let scores = null;
  if (kept.task === "classification") {
    const classCount = kept.classNames.length;
    scores = linear.scores ?? classificationScores(kept.actual, outputs, classCount);
    predictions = {
      task: "classification",
      classNames: kept.classNames,
      actual: kept.actual,
      predicted: argmaxRows(Array.from(outputs), classCount),
      probabilities: Float32Array.from(outputs),
      ...(origin ? { origin } : {}),
    };
  } else {
    const predicted = Array.from(outputs, (value) => inverseTarget(network.preprocessing, value));
    predictions = {
      task: "regression",
      actual: kept.actual,
      predicted,
      ...(origin ? { origin } : {}),
    };
    points = plotSample(kept.actual, predicted);
  }
  return {
    model,
    layout: autoLayout(model.spec),
    evaluation: {
      report: model.report,
      predictions,
      points,
      outcome: { reason: "completed", bestEpoch: 0, history: [] },
      backend: "cpu",
      targetName: evaluation.targetName,
      scores,
      testRows: evaluation.testRows,
      // The linear model is not compared with itself; cross-validation scored the network.
      linear: null,
      crossValidation: null,
    },
  };
}
