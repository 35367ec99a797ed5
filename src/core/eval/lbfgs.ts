/**
 * Limited-memory BFGS for smooth convex objectives, in float64. Deterministic: the same start and
 * objective give the same iterates on every machine. Used by the logistic regression baseline.
 */

/** Value of the objective at `w`; writes its gradient into `gradient` (same length as w). */
export type Objective = (w: Float64Array, gradient: Float64Array) => number;

export interface LbfgsOptions {
  /** Stop when every gradient component is at most this in absolute value. */
  gradientTolerance: number;
  maxIterations: number;
  /** How many (step, gradient change) pairs approximate the inverse Hessian (default 30). */
  memory?: number;
  /** Called after each iteration with the largest gradient component (for progress). */
  onIteration?: (iteration: number, gradientMax: number) => void;
}

export interface LbfgsResult {
  w: Float64Array;
  value: number;
  iterations: number;
  /** Largest absolute gradient component at `w`. */
  gradientMax: number;
  converged: boolean;
}

const dot = (a: Float64Array, b: Float64Array) => {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
};

const maxAbs = (a: Float64Array) => {
  let max = 0;
  for (const v of a) max = Math.max(max, Math.abs(v));
  return max;
};

/** The L-BFGS direction −H·g from the stored pairs (the two-loop recursion). */
function direction(
  gradient: Float64Array,
  steps: Float64Array[],
  changes: Float64Array[],
): Float64Array {
  const q = Float64Array.from(gradient);
  const alphas: number[] = [];
  for (let k = steps.length - 1; k >= 0; k--) {
    const s = steps[k] as Float64Array;
    const y = changes[k] as Float64Array;
    const alpha = dot(s, q) / dot(y, s);
    alphas[k] = alpha;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) - alpha * (y[i] as number);
  }
  const last = steps.length - 1;
  if (last >= 0) {
    const s = steps[last] as Float64Array;
    const y = changes[last] as Float64Array;
    const scale = dot(s, y) / dot(y, y);
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) * scale;
  }
  for (let k = 0; k < steps.length; k++) {
    const s = steps[k] as Float64Array;
    const y = changes[k] as Float64Array;
    const beta = dot(y, q) / dot(y, s);
    const alpha = alphas[k] as number;
    for (let i = 0; i < q.length; i++) q[i] = (q[i] as number) + (alpha - beta) * (s[i] as number);
  }
  for (let i = 0; i < q.length; i++) q[i] = -(q[i] as number);
  return q;
}

/**
 * Minimises `objective` from `start` with L-BFGS and a backtracking (Armijo) line search. Where the
 * value no longer changes in float64, a step that shrinks the gradient is taken instead. Stops when
 * the gradient is below `gradientTolerance`, when no step makes progress, or after `maxIterations`.
 */
export function minimizeLbfgs(
  objective: Objective,
  start: Float64Array,
  options: LbfgsOptions,
): LbfgsResult {
  const memory = options.memory ?? 30;
  const n = start.length;
  let w = Float64Array.from(start);
  let gradient = new Float64Array(n);
  let value = objective(w, gradient);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  let iterations = 0;
  const trial = new Float64Array(n);
  const trialGradient = new Float64Array(n);

  while (maxAbs(gradient) > options.gradientTolerance && iterations < options.maxIterations) {
    let d = direction(gradient, steps, changes);
    let slope = dot(d, gradient);
    if (!(slope < 0)) {
      // Not a descent direction (rounding): restart from steepest descent.
      steps.length = 0;
      changes.length = 0;
      d = direction(gradient, steps, changes);
      slope = dot(d, gradient);
    }
    // The first step has no curvature yet: scale it to a unit move.
    let step = steps.length === 0 ? Math.min(1, 1 / Math.sqrt(-slope)) : 1;
    let trialValue = Infinity;
    let accepted = false;
    for (let attempt = 0; attempt < 60 && !accepted; attempt++) {
      for (let i = 0; i < n; i++) trial[i] = (w[i] as number) + step * (d[i] as number);
      trialValue = objective(trial, trialGradient);
      // Near the optimum the value changes less than float64 resolves; the gradient still does.
      const flat = Math.abs(trialValue - value) <= 1e-14 * Math.max(1, Math.abs(value));
      accepted =
        trialValue <= value + 1e-4 * step * slope ||
        (flat && maxAbs(trialGradient) < maxAbs(gradient));
      if (!accepted) step /= 2;
    }
    if (!accepted) break; // no representable progress left
    const s = new Float64Array(n);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      s[i] = (trial[i] as number) - (w[i] as number);
      y[i] = (trialGradient[i] as number) - (gradient[i] as number);
    }
    if (dot(s, y) > 1e-300) {
      steps.push(s);
      changes.push(y);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
      }
    }
    w = Float64Array.from(trial);
    gradient = Float64Array.from(trialGradient);
    value = trialValue;
    iterations++;
    options.onIteration?.(iterations, maxAbs(gradient));
  }
  const gradientMax = maxAbs(gradient);
  return {
    w,
    value,
    iterations,
    gradientMax,
    converged: gradientMax <= options.gradientTolerance,
  };
}
