/**
 * k-fold cross-validation of a table: which rows each fold trains, validates and tests on, and the
 * preprocessing fitted on each fold's own training rows. The test split of the main plan stays out
 * of every fold; the folds share out the training and validation rows, so every one of them is
 * tested on exactly once.
 */
import { kFoldSplits, stratifiedKFoldSplits } from "../eval/folds";
import { fitPreprocessing, targetClassIndices, transformRows } from "./preprocess";
import { splitIndices } from "./split";
import type { DatasetChoices, DatasetPlan } from "./prepare";
import type { PreparedSplit, Preprocessing, SplitFractions } from "./types";

/** Table row indices of one fold: it trains on `train`, stops early on `validation`, tests on `test`. */
export interface FoldRows {
  train: number[];
  validation: number[];
  test: number[];
}

/**
 * k folds over the plan's training and validation rows (stratified by class for classification,
 * seeded). Within each fold the rows not tested on are split again into training and validation
 * in the plan's own proportions (stratified, same seed), so each fold trains as the main run does.
 */
export function planFolds(
  choices: Pick<DatasetChoices, "table" | "target" | "task" | "fractions" | "seed">,
  plan: Pick<DatasetPlan, "split" | "classNames">,
  k: number,
): FoldRows[] {
  const pool = [...plan.split.train, ...plan.split.validation].sort((a, b) => a - b);
  const classOfRow =
    choices.task === "classification"
      ? targetClassIndices(choices.table, choices.target, plan.classNames)
      : null;
  const labels = classOfRow ? pool.map((row) => classOfRow[row] as number) : null;
  return foldsOfPool(pool, labels, choices.fractions, choices.seed, k);
}

/**
 * k folds over `pool` (row or picture indices, ascending), stratified by `labels` (one per pool
 * entry) when given, seeded. Each fold's rows not tested on are split again into training and
 * validation in the proportions of `fractions` (stratified, same seed). Tables and pictures alike.
 */
export function foldsOfPool(
  pool: readonly number[],
  labels: readonly number[] | null,
  fractions: SplitFractions,
  seed: number,
  k: number,
): FoldRows[] {
  const folds = labels ? stratifiedKFoldSplits(labels, k, seed) : kFoldSplits(pool.length, k, seed);
  const { train, validation } = fractions;
  const validationShare = validation / (train + validation);
  return folds.map((fold) => {
    const rest = fold.train;
    const toRows = (indices: number[]) => indices.map((i) => pool[rest[i] as number] as number);
    const inner =
      validationShare > 0
        ? splitIndices(
            labels ? rest.map((i) => labels[i] as number) : null,
            rest.length,
            { train: 1 - validationShare, validation: validationShare, test: 0 },
            seed,
          )
        : { train: rest.map((_, i) => i), validation: [], test: [] };
    return {
      train: toRows(inner.train),
      validation: toRows(inner.validation),
      test: fold.test.map((i) => pool[i] as number),
    };
  });
}

/**
 * The preprocessing of one fold, fitted on its training rows only (scaling, fill values, dates,
 * the target's mean and spread). One-hot columns keep the main plan's categories, so every fold
 * feeds the network the same features in the same order (the model's input does not change shape
 * when a rare category happens to be missing from a fold's training rows).
 */
export function fitFoldPreprocessing(
  choices: Pick<DatasetChoices, "table" | "profiles" | "settings" | "target" | "task">,
  main: Preprocessing,
  trainRows: number[],
): Preprocessing {
  const fitted = fitPreprocessing(
    choices.table,
    choices.profiles,
    choices.settings,
    choices.target,
    choices.task,
    trainRows,
  );
  const mainInputs = new Map(main.inputs.map((t) => [t.column, t]));
  return {
    ...fitted,
    inputs: fitted.inputs.map((transform) => {
      const planned = mainInputs.get(transform.column);
      if (transform.kind !== "one-hot" || planned?.kind !== "one-hot") return transform;
      const fillValue = planned.categories.includes(transform.fillValue ?? "")
        ? transform.fillValue
        : planned.fillValue;
      return { ...transform, categories: planned.categories, fillValue };
    }),
    featureNames: main.featureNames,
  };
}

/** A fold's rows as model inputs: its preprocessing and its three splits transformed by it. */
export interface MaterializedFold {
  preprocessing: Preprocessing;
  train: PreparedSplit;
  validation: PreparedSplit;
  test: PreparedSplit;
}

/** Fits a fold's preprocessing on its training rows and transforms its rows with it. */
export function materializeFold(
  choices: Pick<DatasetChoices, "table" | "profiles" | "settings" | "target" | "task">,
  main: Preprocessing,
  rows: FoldRows,
): MaterializedFold {
  const preprocessing = fitFoldPreprocessing(choices, main, rows.train);
  const { table } = choices;
  return {
    preprocessing,
    train: transformRows(table, preprocessing, rows.train),
    validation: transformRows(table, preprocessing, rows.validation),
    test: transformRows(table, preprocessing, rows.test),
  };
}
