/**
 * "Use the linear model": the linear model the report compared the network with, kept as a trained
 * model of its own. Same data, preprocessing and name as the network it was fitted beside; its spec
 * is Input → Dense holding the fitted coefficients (see linearModelOf), its report the linear
 * model's own on the same test rows.
 */
import type { LinearBaseline } from "../eval/linearBaseline";
import type { BaseReport, EvaluationReport } from "../eval/types";
import { linearModelOf } from "../model/linearModel";
import type { PictureLinearModel } from "../model/pictureLinearModel";
import type { TrainedModel } from "./trainedModel";

/**
 * The linear model as a TrainedModel. `network` is the model trained in the same run (its data,
 * preprocessing, settings and sample rows are shared); `report` the linear model's test report.
 */
export function linearTrainedModel(input: {
  network: TrainedModel;
  fitted: LinearBaseline;
  report: BaseReport;
  createdAt: string;
  /** Pictures: the linear model whole (its spec reads pictures) and what it saw. */
  picture?: PictureLinearModel;
}): TrainedModel {
  const { network, fitted, picture } = input;
  const { spec, weights } = picture ?? linearModelOf(fitted);
  // The network's two-class threshold was chosen for the network's probabilities, not these.
  const { decisionThreshold, ...shared } = network;
  void decisionThreshold;
  return {
    ...shared,
    spec,
    weights,
    report: input.report as EvaluationReport,
    // Fitted in plain JavaScript in the training worker, in one go: no backend, no epochs.
    backend: "cpu",
    history: [],
    createdAt: input.createdAt,
    linearFit:
      fitted.kind === "ridge"
        ? { method: "ridge", penalty: fitted.alpha }
        : { method: "logistic", penalty: 1, ...(picture ? { inputs: picture.inputs } : {}) },
  };
}

/** "ridge regression" or "logistic regression": the linear model's method in words. */
export function linearMethodName(method: "ridge" | "logistic"): string {
  return method === "ridge" ? "ridge regression" : "logistic regression";
}
