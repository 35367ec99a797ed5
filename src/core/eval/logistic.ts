/**
 * Logistic regression, the classification baseline: scikit-learn's `LogisticRegression(C=1)`
 * (lbfgs; one sigmoid for two classes, multinomial softmax for more; L2 penalty ‖W‖²/2 on the
 * coefficients, intercepts not penalised). scikit-learn stops lbfgs at a gradient of 1e-4; this
 * converges to 1e-10 on the mean loss, i.e. to the exact optimum, which the default fit is within
 * about 1e-4 of.
 */
import { minimizeLbfgs } from "./lbfgs";
import { rowList } from "./ridge";

export interface LogisticModel {
  kind: "logistic";
  features: number;
  /** Classes of the task (probabilities come back for all of them). */
  classCount: number;
  /** The classes present in the training rows, ascending; only they get a probability above 0. */
  fittedClasses: number[];
  /**
   * [outputs, features] row-major. Two fitted classes: one output, the log-odds of the second
   * (as scikit-learn's coef_ of shape (1, features)). More: one output per fitted class.
   */
  coef: Float64Array;
  /** One per output; with softmax they sum to 0 (only their differences matter). */
  intercept: Float64Array;
  iterations: number;
  converged: boolean;
}

export interface LogisticOptions {
  /** Inverse penalty strength (scikit-learn's C). Default 1. */
  C?: number;
  /** Fit on these rows of `x` only; default all rows. */
  rowsUsed?: ArrayLike<number>;
  /** Default 2000; a fit that stops here has converged false. */
  maxIterations?: number;
  /** Called after each L-BFGS iteration (a 10-class fit on 50,000 rows takes about 190). */
  onIteration?: (iteration: number, gradientMax: number) => void;
}

/** log(1 + e^z) without overflow. */
const softplus = (z: number) => (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z)));

/** The rows used, copied into one contiguous float64 block: [used.length, features]. */
function gatherRows(x: ArrayLike<number>, used: ArrayLike<number>, features: number): Float64Array {
  const data = new Float64Array(used.length * features);
  for (let r = 0; r < used.length; r++) {
    const offset = (used[r] as number) * features;
    for (let f = 0; f < features; f++) data[r * features + f] = x[offset + f] as number;
  }
  return data;
}

/**
 * The objective divided by C·rows (same optimum): mean log loss + ‖W‖²/(2·C·rows). Parameters are
 * laid out per output as [features weights, intercept]. data: [n, features] row-major.
 */
function objectiveFor(
  data: Float64Array,
  target: Int32Array,
  features: number,
  outputs: number,
  C: number,
) {
  const width = features + 1;
  const n = target.length;
  const penalty = 1 / (C * n);
  const z = new Float64Array(outputs);
  return (w: Float64Array, gradient: Float64Array): number => {
    gradient.fill(0);
    let loss = 0;
    for (let r = 0; r < n; r++) {
      const offset = r * features;
      const label = target[r] as number;
      let max = -Infinity;
      for (let k = 0; k < outputs; k++) {
        const base = k * width;
        let sum = w[base + features] as number;
        for (let f = 0; f < features; f++) {
          sum += (w[base + f] as number) * (data[offset + f] as number);
        }
        z[k] = sum;
        if (sum > max) max = sum;
      }
      if (outputs === 1) {
        const zk = z[0] as number;
        loss += label === 1 ? softplus(-zk) : softplus(zk);
        z[0] = 1 / (1 + Math.exp(-zk)) - label; // the residual p − y
      } else {
        let total = 0;
        for (let k = 0; k < outputs; k++) {
          const e = Math.exp((z[k] as number) - max);
          total += e;
          z[k] = e;
        }
        const trueLogit = Math.log(z[label] as number) + max;
        loss += max + Math.log(total) - trueLogit;
        for (let k = 0; k < outputs; k++) z[k] = (z[k] as number) / total - (k === label ? 1 : 0);
      }
      for (let k = 0; k < outputs; k++) {
        const residual = z[k] as number;
        const base = k * width;
        for (let f = 0; f < features; f++) {
          gradient[base + f] =
            (gradient[base + f] as number) + residual * (data[offset + f] as number);
        }
        gradient[base + features] = (gradient[base + features] as number) + residual;
      }
    }
    let squares = 0;
    for (let k = 0; k < outputs; k++) {
      for (let f = 0; f < features; f++) {
        const i = k * width + f;
        squares += (w[i] as number) ** 2;
        gradient[i] = (gradient[i] as number) / n + penalty * (w[i] as number);
      }
      const i = k * width + features;
      gradient[i] = (gradient[i] as number) / n;
    }
    return loss / n + (penalty * squares) / 2;
  };
}

/**
 * Fits L2-penalised logistic regression. x: [rows, features] row-major (the preprocessed
 * features); y: a class index in [0, classCount) per row. Classes absent from the rows used get
 * probability 0 (scikit-learn would not know them at all); with a single class present the model
 * always predicts it. Cost per L-BFGS iteration: rows·features·outputs multiply-adds.
 */
export function fitLogistic(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  rows: number,
  features: number,
  classCount: number,
  options: LogisticOptions = {},
): LogisticModel {
  if (x.length !== rows * features) {
    throw new Error(`Expected ${rows}×${features} feature values, got ${x.length}.`);
  }
  const used = rowList(rows, options.rowsUsed);
  if (used.length === 0) throw new Error("Logistic regression needs at least one training row.");
  const present = new Set<number>();
  for (let r = 0; r < used.length; r++) present.add(y[used[r] as number] as number);
  const fittedClasses = [...present].sort((a, b) => a - b);
  for (const c of fittedClasses) {
    if (!Number.isInteger(c) || c < 0 || c >= classCount) {
      throw new Error(`Class index ${c} is outside 0…${classCount - 1}.`);
    }
  }
  const base = { kind: "logistic" as const, features, classCount, fittedClasses };
  if (fittedClasses.length < 2) {
    return {
      ...base,
      coef: new Float64Array(0),
      intercept: new Float64Array(0),
      iterations: 0,
      converged: true,
    };
  }
  const outputs = fittedClasses.length === 2 ? 1 : fittedClasses.length;
  const position = new Map(fittedClasses.map((c, i) => [c, i]));
  // Position among the fitted classes: with two, 0 and 1 are the sigmoid's negative and positive.
  const target = Int32Array.from(
    { length: used.length },
    (_, r) => position.get(y[used[r] as number] as number) as number,
  );
  const data = gatherRows(x, used, features);
  const objective = objectiveFor(data, target, features, outputs, options.C ?? 1);
  const result = minimizeLbfgs(objective, new Float64Array(outputs * (features + 1)), {
    gradientTolerance: 1e-10,
    maxIterations: options.maxIterations ?? 2000,
    ...(options.onIteration ? { onIteration: options.onIteration } : {}),
  });
  const coef = new Float64Array(outputs * features);
  const intercept = new Float64Array(outputs);
  for (let k = 0; k < outputs; k++) {
    for (let f = 0; f < features; f++)
      coef[k * features + f] = result.w[k * (features + 1) + f] as number;
    intercept[k] = result.w[k * (features + 1) + features] as number;
  }
  if (outputs > 1) {
    // Shifting every softmax intercept by the same amount changes nothing; report them centred.
    const shift = intercept.reduce((a, b) => a + b, 0) / outputs;
    for (let k = 0; k < outputs; k++) intercept[k] = (intercept[k] as number) - shift;
  }
  return { ...base, coef, intercept, iterations: result.iterations, converged: result.converged };
}

/** Class probabilities for x ([rows, features] row-major): [rows, classCount] row-major. */
export function predictLogistic(
  model: LogisticModel,
  x: ArrayLike<number>,
  rows: number,
): Float64Array {
  const { features, classCount, fittedClasses, coef, intercept } = model;
  if (x.length !== rows * features) {
    throw new Error(`Expected ${rows}×${features} feature values, got ${x.length}.`);
  }
  const out = new Float64Array(rows * classCount);
  const outputs = intercept.length;
  const z = new Float64Array(outputs);
  for (let r = 0; r < rows; r++) {
    const row = r * classCount;
    if (fittedClasses.length === 1) {
      out[row + (fittedClasses[0] as number)] = 1;
      continue;
    }
    for (let k = 0; k < outputs; k++) {
      let sum = intercept[k] as number;
      for (let f = 0; f < features; f++)
        sum += (coef[k * features + f] as number) * (x[r * features + f] as number);
      z[k] = sum;
    }
    if (outputs === 1) {
      const p = 1 / (1 + Math.exp(-(z[0] as number)));
      out[row + (fittedClasses[0] as number)] = 1 - p;
      out[row + (fittedClasses[1] as number)] = p;
      continue;
    }
    let max = -Infinity;
    for (let k = 0; k < outputs; k++) max = Math.max(max, z[k] as number);
    let total = 0;
    for (let k = 0; k < outputs; k++) total += Math.exp((z[k] as number) - max);
    fittedClasses.forEach((c, k) => {
      out[row + c] = Math.exp((z[k] as number) - max) / total;
    });
  }
  return out;
}
