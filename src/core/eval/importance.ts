/**
 * Permutation importance, with scikit-learn's definition (sklearn.inspection.permutation_importance):
 * for each input column, shuffle its values across the test rows, re-score the model, and report
 * the drop from the unshuffled score, averaged over repeats with its standard deviation. A column
 * that became several features (one-hot, date) is shuffled as one: its features move together.
 */
import { mulberry32, shuffleInPlace } from "../data/random";
import type { TaskKind } from "../data/types";
import { meanStd } from "./folds";
import type { InputColumnFeatures } from "./inputColumns";
import { argmaxRows, regressionReport } from "./metrics";

/** Shuffles per column: scikit-learn's default n_repeats. */
export const IMPORTANCE_REPEATS = 5;
/** Seed of the shuffles, so that the same model and rows give the same importances. */
export const IMPORTANCE_SEED = 0;

/**
 * The test rows permutation importance shuffles, already preprocessed: x [rows, features]
 * row-major as the network takes it; y a class index or standardized target per row.
 */
export interface ImportanceRows {
  x: Float32Array;
  y: Float32Array;
  rows: number;
}

/**
 * The model as a function: x is [rows, features] row-major; the answer is [rows, classCount]
 * class probabilities (classification) or [rows] predictions (regression, any affine units: R²
 * does not change when predictions and targets are scaled alike).
 */
export type PredictRows = (x: Float32Array, rows: number) => Promise<Float32Array>;

/** A permutation of 0..rows−1 for one column and repeat: row r takes the values of row p[r]. */
export type PermutationSource = (rows: number, column: number, repeat: number) => ArrayLike<number>;

export interface PermutationImportanceOptions {
  task: TaskKind;
  /** Classification: how many probabilities each row's prediction holds. */
  classCount?: number;
  /** Shuffles per column (scikit-learn's n_repeats; default 5). */
  repeats?: number;
  /** Seed of the default permutations. Every column gets the same sequence, as in scikit-learn. */
  seed?: number;
  /** Replaces the seeded shuffles (tests use fixed permutations). */
  permutations?: PermutationSource;
  /** Called after each prediction: done of total (columns × repeats + 1). */
  onProgress?: (done: number, total: number) => void;
}

export interface ColumnImportance {
  column: string;
  features: number[];
  /** Mean drop in the score (accuracy or R²) over the repeats; above 0 = the model uses it. */
  mean: number;
  /** Population standard deviation of the drops (numpy's np.std). */
  std: number;
  /** The drop of each repeat. */
  drops: number[];
}

export interface PermutationImportance {
  metric: "accuracy" | "r2";
  /** The score on the unshuffled rows. */
  baseline: number;
  /** In the order of the columns given. */
  columns: ColumnImportance[];
}

/** Seeded Fisher–Yates shuffles; the seed restarts for each column, like scikit-learn's. */
export function seededPermutations(seed: number): PermutationSource {
  let column = -1;
  let rng = mulberry32(seed);
  return (rows, forColumn) => {
    if (forColumn !== column) {
      column = forColumn;
      rng = mulberry32(seed);
    }
    return shuffleInPlace(
      Array.from({ length: rows }, (_, i) => i),
      rng,
    );
  };
}

function scorer(task: TaskKind, y: ArrayLike<number>, classCount: number) {
  const actual = Array.from(y);
  if (task === "classification") {
    return (output: Float32Array) => {
      const predicted = argmaxRows(output, classCount);
      let hits = 0;
      for (let i = 0; i < actual.length; i++) if (predicted[i] === actual[i]) hits++;
      return actual.length === 0 ? 0 : hits / actual.length;
    };
  }
  return (output: Float32Array) => regressionReport(actual, Array.from(output), actual).r2;
}

/**
 * Permutation importance of each input column on the given rows (the test split). x:
 * [rows, features] row-major, as the model takes it; y: class index or target per row, in the
 * units the predictions come in. Calls `predict` columns × repeats + 1 times, one at a time,
 * each time with a new array that it may keep or transfer.
 */
export async function permutationImportance(
  x: Float32Array,
  y: ArrayLike<number>,
  rows: number,
  columns: InputColumnFeatures[],
  predict: PredictRows,
  options: PermutationImportanceOptions,
): Promise<PermutationImportance> {
  const features = rows === 0 ? 0 : x.length / rows;
  if (!Number.isInteger(features) || y.length !== rows) {
    throw new Error(`Expected ${rows} rows of features and ${rows} labels.`);
  }
  const repeats = options.repeats ?? 5;
  const classCount = options.classCount ?? 1;
  const permutations = options.permutations ?? seededPermutations(options.seed ?? 0);
  const score = scorer(options.task, y, classCount);
  const total = columns.length * repeats + 1;
  let done = 0;
  // predict gets its own copy each time: it may keep it or transfer it to a worker.
  const baseline = score(await predict(x.slice(), rows));
  options.onProgress?.(++done, total);

  const result: ColumnImportance[] = [];
  for (const [index, column] of columns.entries()) {
    const drops: number[] = [];
    for (let repeat = 0; repeat < repeats; repeat++) {
      const permutation = permutations(rows, index, repeat);
      const shuffled = x.slice();
      for (let r = 0; r < rows; r++) {
        const source = (permutation[r] as number) * features;
        for (const f of column.features) shuffled[r * features + f] = x[source + f] as number;
      }
      drops.push(baseline - score(await predict(shuffled, rows)));
      options.onProgress?.(++done, total);
    }
    result.push({ column: column.column, features: column.features, ...meanStd(drops), drops });
  }
  return {
    metric: options.task === "classification" ? "accuracy" : "r2",
    baseline,
    columns: result,
  };
}
