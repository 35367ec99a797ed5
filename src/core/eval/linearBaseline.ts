/**
 * The report's linear baseline: the model a statistician would try first, fitted on the same
 * preprocessed training split as the network (ridge regression for regression, L2 logistic
 * regression for classification), so "is the network worth it?" has an answer.
 */
import type { PreparedSplit, TaskKind } from "../data/types";
import { fitLogistic, predictLogistic } from "./logistic";
import type { LogisticModel } from "./logistic";
import { fitRidge, predictRidge } from "./ridge";
import type { RidgeModel } from "./ridge";

export type LinearBaseline = RidgeModel | LogisticModel;

/**
 * Fits Ridge(alpha=1) (regression; on the split's standardized targets) or
 * LogisticRegression(C=1) (classification; classCount classes) on a prepared split:
 * x [rows, features] row-major, y a class index or standardized target per row.
 */
export function fitLinearBaseline(
  train: PreparedSplit,
  task: TaskKind,
  classCount: number,
): LinearBaseline {
  const features = train.rows === 0 ? 0 : train.x.length / train.rows;
  return task === "regression"
    ? fitRidge(train.x, train.y, train.rows, features)
    : fitLogistic(train.x, train.y, train.rows, features, classCount);
}

/**
 * The baseline's answers for x ([rows, features] row-major), laid out as the network's:
 * classification [rows, classCount] probabilities; regression [rows] standardized predictions
 * (inverseTarget turns them into the target's units).
 */
export function predictLinearBaseline(
  baseline: LinearBaseline,
  x: ArrayLike<number>,
  rows: number,
): Float64Array {
  return baseline.kind === "ridge"
    ? predictRidge(baseline, x, rows)
    : predictLogistic(baseline, x, rows);
}
