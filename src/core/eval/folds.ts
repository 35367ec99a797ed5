/**
 * k-fold cross-validation splits (seeded; stratified by class for classification) and the
 * mean ± standard deviation of a metric across folds. A small table's single test split is noise;
 * k folds let every row be tested once.
 */
import { mulberry32, shuffleInPlace } from "../data/random";

/** Row indices of one fold: the rows it tests on and the rows it trains on, both ascending. */
export interface Fold {
  train: number[];
  test: number[];
}

function checkFoldCount(rowCount: number, k: number): void {
  if (!Number.isInteger(k) || k < 2) {
    throw new Error(`Cross-validation needs a whole number of at least 2 folds (got ${k}).`);
  }
  if (k > rowCount) {
    throw new Error(`${k} folds need at least ${k} rows; there are ${rowCount}. Use fewer folds.`);
  }
}

/** Folds from rows listed in the order they are dealt out: the i-th goes to fold i mod k. */
function dealRows(order: number[], rowCount: number, k: number): Fold[] {
  const foldOf = new Int32Array(rowCount);
  order.forEach((row, i) => {
    foldOf[row] = i % k;
  });
  return Array.from({ length: k }, (_, fold) => {
    const result: Fold = { train: [], test: [] };
    for (let row = 0; row < rowCount; row++) {
      (foldOf[row] === fold ? result.test : result.train).push(row);
    }
    return result;
  });
}

/**
 * k folds of rows 0..rowCount−1 in a seeded random order: every row is in exactly one test fold,
 * fold sizes differ by at most one. The same seed gives the same folds on every machine.
 */
export function kFoldSplits(rowCount: number, k = 5, seed = 0): Fold[] {
  checkFoldCount(rowCount, k);
  const order = shuffleInPlace(
    Array.from({ length: rowCount }, (_, i) => i),
    mulberry32(seed),
  );
  return dealRows(order, rowCount, k);
}

/**
 * k folds that keep the class balance: each class's rows are shuffled (seeded) and dealt out in
 * turn, so in every fold each class's count differs by at most one from its share, and fold sizes
 * differ by at most one. labels: a class index per row (any numbers; equal numbers = one class).
 * A class with fewer than k rows is missing from some test folds (scikit-learn warns the same).
 */
export function stratifiedKFoldSplits(labels: ArrayLike<number>, k = 5, seed = 0): Fold[] {
  const rowCount = labels.length;
  checkFoldCount(rowCount, k);
  const groups = new Map<number, number[]>();
  for (let row = 0; row < rowCount; row++) {
    const label = labels[row] as number;
    const members = groups.get(label);
    if (members) members.push(row);
    else groups.set(label, [row]);
  }
  const rng = mulberry32(seed);
  const order = [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .flatMap(([, rows]) => shuffleInPlace(rows, rng));
  return dealRows(order, rowCount, k);
}

export interface MeanStd {
  mean: number;
  /** Population standard deviation (ddof = 0, numpy's default np.std), in the metric's units. */
  std: number;
}

/** Mean and standard deviation of a metric over folds (or repeats). NaN for an empty list. */
export function meanStd(values: ArrayLike<number>): MeanStd {
  const n = values.length;
  if (n === 0) return { mean: NaN, std: NaN };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i++) squares += ((values[i] as number) - mean) ** 2;
  return { mean, std: Math.sqrt(squares / n) };
}

/** Every metric's mean ± std over folds: [{r2: 0.5, mae: 3}, …] → {r2: {mean, std}, mae: …}. */
export function aggregateFolds<Metric extends string>(
  perFold: Array<Record<Metric, number>>,
): Record<Metric, MeanStd> {
  const first = perFold[0];
  if (!first) throw new Error("There are no folds to aggregate.");
  const metrics = Object.keys(first) as Metric[];
  return Object.fromEntries(
    metrics.map((metric) => [metric, meanStd(perFold.map((fold) => fold[metric]))]),
  ) as Record<Metric, MeanStd>;
}
