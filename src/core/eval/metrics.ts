/**
 * Evaluation metrics over plain arrays. They follow scikit-learn's defaults with zero_division=0
 * (precision_recall_fscore_support, confusion_matrix, mean_absolute_error, mean_squared_error,
 * r2_score), and sums follow numpy's summation order, so a number shown in the studio is the
 * number a person recomputing it from the predictions CSV in Python gets.
 */
import { METRICS, type MetricId } from "./metricTable";
import type { ClassificationReport, ClassMetrics, RegressionReport } from "./types";

/** numpy's pairwise_sum: below 8 a plain loop, up to 128 eight accumulators, above that halves. */
function pairwiseSum(values: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let sum = 0;
    for (let i = start; i < start + n; i++) sum += values[i] as number;
    return sum;
  }
  if (n <= 128) {
    const r: number[] = [];
    for (let j = 0; j < 8; j++) r.push(values[start + j] as number);
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (values[start + i + j] as number);
    }
    const at = (j: number) => r[j] as number;
    let sum = at(0) + at(1) + (at(2) + at(3)) + (at(4) + at(5) + (at(6) + at(7)));
    for (; i < n; i++) sum += values[start + i] as number;
    return sum;
  }
  let half = Math.floor(n / 2);
  half -= half % 8;
  return pairwiseSum(values, start, half) + pairwiseSum(values, start + half, n - half);
}

/** Sum in numpy's order (np.sum of a contiguous float64 array: 8192-element buffers, pairwise). */
export function numpySum(values: ArrayLike<number>): number {
  const bufferSize = 8192;
  let sum = 0;
  for (let start = 0; start < values.length; start += bufferSize) {
    sum += pairwiseSum(values, start, Math.min(bufferSize, values.length - start));
  }
  return sum;
}

function mean(values: ArrayLike<number>): number {
  return values.length === 0 ? 0 : numpySum(values) / values.length;
}

function checkSameLength(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length !== predicted.length) {
    throw new Error(
      `Actual and predicted values differ in length (${actual.length} and ${predicted.length}).`,
    );
  }
}

/** confusion[actual][predicted] = count. Indices outside [0, classCount) are ignored. */
export function confusionMatrix(
  actual: number[],
  predicted: number[],
  classCount: number,
): number[][] {
  checkSameLength(actual, predicted);
  const confusion = Array.from({ length: classCount }, () => new Array<number>(classCount).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const row = confusion[actual[i] as number];
    const p = predicted[i] as number;
    if (row !== undefined && p >= 0 && p < classCount) row[p] = (row[p] as number) + 1;
  }
  return confusion;
}

/** Index of the largest value in each row; ties go to the first index, like numpy's argmax. */
export function argmaxRows(probabilities: Float32Array | number[], classCount: number): number[] {
  if (classCount <= 0) throw new Error("argmaxRows needs at least one class.");
  const rows = Math.floor(probabilities.length / classCount);
  const result = new Array<number>(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = probabilities[r * classCount] as number;
    for (let c = 1; c < classCount; c++) {
      const value = probabilities[r * classCount + c] as number;
      // numpy's argmax treats NaN as the maximum.
      if (value > bestValue || (Number.isNaN(value) && !Number.isNaN(bestValue))) {
        best = c;
        bestValue = value;
      }
    }
    result[r] = best;
  }
  return result;
}

/** The most frequent class among `labels` (ties: lowest index), or 0 when there are none. */
export function mostFrequentClass(labels: number[], classCount: number): number {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of labels) {
    if (label >= 0 && label < classCount) counts[label] = (counts[label] as number) + 1;
  }
  let best = 0;
  for (let c = 1; c < classCount; c++)
    if ((counts[c] as number) > (counts[best] as number)) best = c;
  return best;
}

function divideOrZero(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function classificationReport(
  actual: number[],
  predicted: number[],
  classNames: string[],
  trainLabels: number[],
): ClassificationReport {
  checkSameLength(actual, predicted);
  const classCount = classNames.length;
  const confusion = confusionMatrix(actual, predicted, classCount);
  const testSize = actual.length;
  let correct = 0;
  for (let i = 0; i < testSize; i++) if (actual[i] === predicted[i]) correct++;

  const perClass: ClassMetrics[] = classNames.map((className, c) => {
    const truePositives = confusion[c]?.[c] ?? 0;
    const support = numpySum(confusion[c] ?? []);
    let predictedCount = 0;
    for (const row of confusion) predictedCount += row[c] ?? 0;
    const precision = divideOrZero(truePositives, predictedCount);
    const recall = divideOrZero(truePositives, support);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { className, precision, recall, f1, support };
  });

  const supports = perClass.map((m) => m.support);
  const totalSupport = numpySum(supports);
  const average = (pick: (m: ClassMetrics) => number) => ({
    macro: mean(perClass.map(pick)),
    weighted: divideOrZero(numpySum(perClass.map((m) => pick(m) * m.support)), totalSupport),
  });
  const precision = average((m) => m.precision);
  const recall = average((m) => m.recall);
  const f1 = average((m) => m.f1);

  const baseline = mostFrequentClass(trainLabels, classCount);
  let baselineHits = 0;
  for (const label of actual) if (label === baseline) baselineHits++;

  return {
    kind: "classification",
    classNames: [...classNames],
    accuracy: divideOrZero(correct, testSize),
    perClass,
    macro: {
      precision: precision.macro,
      recall: recall.macro,
      f1: f1.macro,
      support: totalSupport,
    },
    weighted: {
      precision: precision.weighted,
      recall: recall.weighted,
      f1: f1.weighted,
      support: totalSupport,
    },
    confusion,
    baselineAccuracy: divideOrZero(baselineHits, testSize),
    baselineClass: classNames[baseline] ?? "",
    testSize,
  };
}

function regressionMetrics(actual: number[], predicted: ArrayLike<number>) {
  const n = actual.length;
  const absoluteErrors = new Float64Array(n);
  const squaredErrors = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const error = (actual[i] as number) - (predicted[i] as number);
    absoluteErrors[i] = Math.abs(error);
    squaredErrors[i] = error * error;
  }
  const mae = mean(absoluteErrors);
  const mse = mean(squaredErrors);
  const numerator = numpySum(squaredErrors);
  // All-equal targets have zero variance; numpy's mean of them can be off by an ulp (0.1 fifty
  // times), which would turn sklearn's R² into -1e31. Treat them as what they are: constant.
  const constant = actual.every((v) => v === actual[0]);
  let denominator = 0;
  if (!constant) {
    const targetMean = mean(actual);
    denominator = numpySum(actual.map((v) => (v - targetMean) ** 2));
  }
  let r2 = 1;
  if (numerator !== 0) r2 = denominator !== 0 ? 1 - numerator / denominator : 0;
  return { mae, mse, rmse: Math.sqrt(mse), r2 };
}

export function regressionReport(
  actual: number[],
  predicted: number[],
  trainTargets: number[],
): RegressionReport {
  checkSameLength(actual, predicted);
  const value = mean(trainTargets);
  return {
    kind: "regression",
    ...regressionMetrics(actual, predicted),
    baseline: { ...regressionMetrics(actual, new Array<number>(actual.length).fill(value)), value },
    testSize: actual.length,
  };
}

const metricLines = Object.fromEntries(
  (Object.keys(METRICS) as MetricId[]).map((id) => [id, METRICS[id].explanation]),
) as Record<MetricId, string>;

/**
 * One plain-language line per metric (from METRICS) and per other term of the report, for people
 * who are not machine-learning experts.
 */
export const metricExplanations: Record<
  MetricId | "baseline" | "linear" | "macro" | "weighted" | "brier" | "threshold",
  string
> = {
  ...metricLines,
  macro:
    "Macro average: the plain mean over every class of the target, so rare classes count as much as common ones.",
  weighted:
    "Weighted average: the mean over classes weighted by how many test rows each has, so common classes count more.",
  baseline:
    "What you would get without a model, always guessing the training data's most common class (classification) or its average (regression). A useful model beats it.",
  linear:
    "A plain linear model (logistic regression for classes, ridge regression for numbers) fitted on the same training rows: if it scores as well, the network is not worth its cost.",
  brier:
    "Brier score: the mean squared difference between the predicted probability and what happened (0 or 1). Lower is better, 0 is perfect.",
  threshold:
    "Decision threshold: a row is called positive when its probability is at least this. Lower finds more positives (recall up) at the cost of more false alarms (precision down).",
};

/**
 * The explanation of `key` for a report on pictures or on table rows: the same words, with each
 * "row" a "picture" when the examples are pictures.
 */
export function explainMetric(
  key: keyof typeof metricExplanations,
  unit: "row" | "picture",
): string {
  const text = metricExplanations[key];
  return unit === "row" ? text : text.replace(/\brow(s?)\b/g, "picture$1");
}
