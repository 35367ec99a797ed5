/**
 * Ridge regression, the regression baseline: scikit-learn's `Ridge(alpha=1)` (intercept fitted and
 * not penalised) solved in closed form in float64, from the studio's preprocessed arrays.
 */

/** The rows of a row-major matrix to fit on: all of them, or the given row indices. */
export function rowList(rows: number, rowsUsed?: ArrayLike<number>): ArrayLike<number> {
  if (rowsUsed) return rowsUsed;
  return Int32Array.from({ length: rows }, (_, i) => i);
}

export interface RidgeModel {
  kind: "ridge";
  features: number;
  alpha: number;
  /** One weight per feature: prediction = intercept + Σ coef[f]·x[f]. */
  coef: Float64Array;
  intercept: number;
}

export interface RidgeOptions {
  /** The L2 penalty on the coefficients (scikit-learn's alpha); must be above 0. Default 1. */
  alpha?: number;
  /** Fit on these rows of `x` only (e.g. a cross-validation fold); default all rows. */
  rowsUsed?: ArrayLike<number>;
}

/** Solves A·w = b for a symmetric positive definite A ([n, n] row-major, overwritten). */
export function solveCholesky(a: Float64Array, b: Float64Array, n: number): Float64Array {
  for (let j = 0; j < n; j++) {
    let diagonal = a[j * n + j] as number;
    for (let k = 0; k < j; k++) diagonal -= (a[j * n + k] as number) ** 2;
    if (!(diagonal > 0)) throw new Error("The matrix is not positive definite.");
    const root = Math.sqrt(diagonal);
    a[j * n + j] = root;
    for (let i = j + 1; i < n; i++) {
      let sum = a[i * n + j] as number;
      for (let k = 0; k < j; k++) sum -= (a[i * n + k] as number) * (a[j * n + k] as number);
      a[i * n + j] = sum / root;
    }
  }
  const w = Float64Array.from(b);
  for (let i = 0; i < n; i++) {
    let sum = w[i] as number;
    for (let k = 0; k < i; k++) sum -= (a[i * n + k] as number) * (w[k] as number);
    w[i] = sum / (a[i * n + i] as number);
  }
  for (let i = n - 1; i >= 0; i--) {
    let sum = w[i] as number;
    for (let k = i + 1; k < n; k++) sum -= (a[k * n + i] as number) * (w[k] as number);
    w[i] = sum / (a[i * n + i] as number);
  }
  return w;
}

/** Per-feature mean of the chosen rows of x ([rows, features] row-major). */
export function columnMeans(
  x: ArrayLike<number>,
  features: number,
  rowsUsed: ArrayLike<number>,
): Float64Array {
  const means = new Float64Array(features);
  for (let r = 0; r < rowsUsed.length; r++) {
    const offset = (rowsUsed[r] as number) * features;
    for (let f = 0; f < features; f++) means[f] = (means[f] as number) + (x[offset + f] as number);
  }
  for (let f = 0; f < features; f++) means[f] = (means[f] as number) / rowsUsed.length;
  return means;
}

/**
 * Fits ridge regression: minimises Σ(y − Xw − b)² + alpha·‖w‖². As scikit-learn does, x and y are
 * centred on their means, (XcᵀXc + alpha·I)·w = Xcᵀyc is solved (Cholesky), and
 * b = mean(y) − mean(x)·w. x: [rows, features] row-major; y: one target per row (any units; the
 * predictions come back in the same units). Cost: rows·features²/2 multiply-adds, then features³/3.
 */
export function fitRidge(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  rows: number,
  features: number,
  options: RidgeOptions = {},
): RidgeModel {
  const alpha = options.alpha ?? 1;
  if (!(alpha > 0)) throw new Error(`Ridge needs a penalty above 0 (got ${alpha}).`);
  if (x.length !== rows * features) {
    throw new Error(`Expected ${rows}×${features} feature values, got ${x.length}.`);
  }
  const used = rowList(rows, options.rowsUsed);
  if (used.length === 0) throw new Error("Ridge needs at least one training row.");
  const xMean = columnMeans(x, features, used);
  let yMean = 0;
  for (let r = 0; r < used.length; r++) yMean += y[used[r] as number] as number;
  yMean /= used.length;

  const gram = new Float64Array(features * features);
  const xty = new Float64Array(features);
  const centred = new Float64Array(features);
  for (let r = 0; r < used.length; r++) {
    const row = used[r] as number;
    const offset = row * features;
    const target = (y[row] as number) - yMean;
    for (let f = 0; f < features; f++)
      centred[f] = (x[offset + f] as number) - (xMean[f] as number);
    for (let i = 0; i < features; i++) {
      const ci = centred[i] as number;
      xty[i] = (xty[i] as number) + ci * target;
      const base = i * features;
      for (let j = 0; j <= i; j++)
        gram[base + j] = (gram[base + j] as number) + ci * (centred[j] as number);
    }
  }
  for (let i = 0; i < features; i++) {
    gram[i * features + i] = (gram[i * features + i] as number) + alpha;
    for (let j = 0; j < i; j++) gram[j * features + i] = gram[i * features + j] as number;
  }
  const coef = solveCholesky(gram, xty, features);
  let intercept = yMean;
  for (let f = 0; f < features; f++) intercept -= (xMean[f] as number) * (coef[f] as number);
  return { kind: "ridge", features, alpha, coef, intercept };
}

/** Predictions for x ([rows, features] row-major), one per row, in the units of the fitted y. */
export function predictRidge(model: RidgeModel, x: ArrayLike<number>, rows: number): Float64Array {
  const { features, coef, intercept } = model;
  if (x.length !== rows * features) {
    throw new Error(`Expected ${rows}×${features} feature values, got ${x.length}.`);
  }
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let sum = intercept;
    for (let f = 0; f < features; f++) sum += (coef[f] as number) * (x[r * features + f] as number);
    out[r] = sum;
  }
  return out;
}
