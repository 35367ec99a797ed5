import type { ImputeStrategy } from "./types";

/** The statistics preprocessing fits on a column's present values (scikit-learn's definitions). */

/** Arithmetic mean; 0 for no values. */
export function mean(values: number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return values.length === 0 ? 0 : sum / values.length;
}

/** Population standard deviation (ddof=0); 1 where it is 0, so constant columns stay finite. */
export function std(values: number[], center: number): number {
  let sum = 0;
  for (const v of values) sum += (v - center) ** 2;
  const result = values.length === 0 ? 0 : Math.sqrt(sum / values.length);
  return result > 0 && Number.isFinite(result) ? result : 1;
}

/** Median (the mean of the two middle values for an even count); 0 for no values. */
export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const upper = sorted[middle] as number;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] as number) + upper) / 2;
}

/** Most frequent value; ties go to the smallest, as in scikit-learn's SimpleImputer. */
export function mostFrequent(values: number[]): number {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  return ranked[0]?.[0] ?? 0;
}

/** The value that fills a missing number under `strategy`. */
export function imputeNumber(
  present: number[],
  strategy: ImputeStrategy,
  constant: number,
): number {
  if (strategy === "constant") return Number.isFinite(constant) ? constant : 0;
  if (strategy === "median") return median(present);
  if (strategy === "most-frequent") return mostFrequent(present);
  return mean(present);
}
