/**
 * "Is the network worth it?" in one sentence: the network's main score beside the linear model's
 * fitted on the same training rows and tested on the same rows. The report, the model card and the
 * shared page all say it with these words.
 */
import { isBetter, METRICS } from "./metricTable";
import type { BaseReport, EvaluationReport } from "./types";

export interface LinearVerdict {
  /** The score compared: accuracy (classification) or r2 (regression). */
  metric: "accuracy" | "r2";
  network: number;
  linear: number;
  /** "logistic regression" or "ridge regression". */
  method: string;
  /** The linear model scores higher on the test rows. */
  linearWins: boolean;
  /** The comparison in words, both numbers given with enough digits to tell them apart. */
  sentence: string;
}

/**
 * The two scores, each with `digits` decimals (accuracy as a percentage with digits − 1), more when
 * they would print the same but differ (up to 6), so "0.44 better than 0.44" cannot be written.
 */
export function formatPair(
  a: number,
  b: number,
  digits: number,
  percent: boolean,
): [string, string] {
  const format = (value: number, places: number) =>
    percent ? `${(value * 100).toFixed(Math.max(0, places - 1))}%` : value.toFixed(places);
  let places = digits;
  while (places < 6 && a !== b && format(a, places) === format(b, places)) places++;
  return [format(a, places), format(b, places)];
}

/** The verdict for a network's report and its linear model's, or null when they cannot be compared. */
export function linearVerdict(report: EvaluationReport, linear: BaseReport): LinearVerdict | null {
  const [network, score, metric] =
    report.kind === "classification" && linear.kind === "classification"
      ? [report.accuracy, linear.accuracy, "accuracy" as const]
      : report.kind === "regression" && linear.kind === "regression"
        ? [report.r2, linear.r2, "r2" as const]
        : [NaN, NaN, "r2" as const];
  if (!Number.isFinite(score) || !Number.isFinite(network)) return null;
  const percent = metric === "accuracy";
  const [linearText, networkText] = formatPair(score, network, 2, percent);
  const unit = (text: string) =>
    `${text} ${percent ? METRICS.accuracy.label.toLowerCase() : METRICS.r2.label}`;
  const method = report.kind === "classification" ? "logistic regression" : "ridge regression";
  const linearWins = isBetter(metric, score, network);
  const sentence = linearWins
    ? `A linear model (${method}) scores ${unit(linearText)}, better than the network's ${unit(networkText)}: the network is not worth it here.`
    : `A linear model (${method}) scores ${unit(linearText)}; the network's ${unit(networkText)} is ${score === network ? "no better" : "better"}.`;
  return { metric, network, linear: score, method, linearWins, sentence };
}
