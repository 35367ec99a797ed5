import type { PictureLinearModel } from "../model/pictureLinearModel";
import type { AnyTrainingData } from "../train/types";
import { fitLinearBaseline, logisticIterationCap, predictLinearBaseline } from "./linearBaseline";
import type { LinearBaseline } from "./linearBaseline";

/**
 * The linear baseline's test outputs, laid out as the network's: [rows, classCount] probabilities
 * or [rows] standardized predictions. converged is false when the fit hit its iteration cap.
 */
export interface LinearBaselineOutputs {
  outputs: Float64Array;
  iterations: number;
  converged: boolean;
  /** The fitted coefficients (main runs): what "Use the linear model" turns into a model. */
  model?: LinearBaseline;
  /**
   * Pictures: the linear model whole (backbone + Dense, or pooling + Dense; see
   * core/transfer/pictureLinear) and what it saw, in words.
   */
  picture?: PictureLinearModel;
}

/**
 * The report's linear baseline for a table run, fitted on the same preprocessed training rows as
 * the network (`data.train.x`, [rows, featureCount]) and answering the test rows (`test.x`,
 * row-major [rows, featureCount]), with its logistic iterations capped by logisticIterationCap.
 * Null when it could not be fitted (the report then simply has no linear row), and for pictures,
 * which train from bytes and have no feature matrix.
 */
export function fitLinearOutputs(request: {
  data: AnyTrainingData;
  test: { x: Float32Array | Uint8Array; rows: number };
}): LinearBaselineOutputs | null {
  const { data, test } = request;
  if (!("x" in data.train) || data.train.rows === 0 || test.rows === 0) return null;
  try {
    const maxIterations = logisticIterationCap(data.train.rows, data.featureCount, data.classCount);
    const model = fitLinearBaseline(data.train, data.task, data.classCount, { maxIterations });
    return {
      outputs: predictLinearBaseline(model, test.x, test.rows),
      iterations: model.kind === "logistic" ? model.iterations : 0,
      converged: model.kind === "logistic" ? model.converged : true,
      model,
    };
  } catch {
    return null;
  }
}
