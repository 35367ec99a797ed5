/**
 * The report's linear baseline: the model a statistician would try first, fitted on the same
 * preprocessed training split as the network (ridge regression for regression, L2 logistic
 * regression for classification), so "is the network worth it?" has an answer.
 */
import type { PreparedSplit, TaskKind } from "../data/types";
import { fitLogistic, predictLogistic } from "./logistic";
import type { LogisticModel, LogisticOptions } from "./logistic";
import { fitRidge, predictRidge } from "./ridge";
import type { RidgeModel } from "./ridge";

export type LinearBaseline = RidgeModel | LogisticModel;

/**
 * Multiply-adds a logistic fit may spend in the studio (about 10 s of plain JS): a 10-class fit
 * on 50,000×100 features gets 60 L-BFGS iterations, enough for a baseline's accuracy though not
 * for scikit-learn's exact optimum (the model says converged: false).
 */
export const LOGISTIC_WORK_BUDGET = 3e9;

/** L-BFGS iterations a fit of this size may take within `budget` multiply-adds (50 to 2000). */
export function logisticIterationCap(
  rows: number,
  features: number,
  classCount: number,
  budget = LOGISTIC_WORK_BUDGET,
): number {
  const outputs = classCount <= 2 ? 1 : classCount;
  const perIteration = Math.max(1, rows * Math.max(1, features) * outputs);
  return Math.min(2000, Math.max(50, Math.floor(budget / perIteration)));
}

/**
 * Fits Ridge(alpha=1) (regression; on the split's standardized targets) or
 * LogisticRegression(C=1) (classification; classCount classes) on a prepared split:
 * x [rows, features] row-major, y a class index or standardized target per row.
 * `options` reach the logistic fit (an iteration cap, progress).
 */
export function fitLinearBaseline(
  train: Pick<PreparedSplit, "x" | "y" | "rows">,
  task: TaskKind,
  classCount: number,
  options: LogisticOptions = {},
): LinearBaseline {
  const features = train.rows === 0 ? 0 : train.x.length / train.rows;
  return task === "regression"
    ? fitRidge(train.x, train.y, train.rows, features)
    : fitLogistic(train.x, train.y, train.rows, features, classCount, options);
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
