/**
 * Input columns that move together. Permutation importance shuffles one column at a time; when
 * another column carries the same information the model barely notices, so correlated columns
 * share their importance and each looks smaller than the group is. The report names such groups.
 */
import type { Preprocessing } from "../data/types";
import { inputColumnFeatures } from "./inputColumns";

/** |Pearson r| from which two columns count as strongly correlated. */
export const STRONG_CORRELATION = 0.8;

export interface CorrelatedGroup {
  /** Column names, in the preprocessing's order; two or more. */
  columns: string[];
  /** The largest |r| between two columns of the group. */
  strongest: number;
}

/** Pearson r of features f and g of x ([rows, features] row-major); 0 when either is constant. */
export function pearson(
  x: ArrayLike<number>,
  rows: number,
  features: number,
  f: number,
  g: number,
) {
  let meanF = 0;
  let meanG = 0;
  for (let r = 0; r < rows; r++) {
    meanF += x[r * features + f] as number;
    meanG += x[r * features + g] as number;
  }
  meanF /= rows;
  meanG /= rows;
  let covariance = 0;
  let varianceF = 0;
  let varianceG = 0;
  for (let r = 0; r < rows; r++) {
    const a = (x[r * features + f] as number) - meanF;
    const b = (x[r * features + g] as number) - meanG;
    covariance += a * b;
    varianceF += a * a;
    varianceG += b * b;
  }
  return varianceF > 0 && varianceG > 0 ? covariance / Math.sqrt(varianceF * varianceG) : 0;
}

/**
 * Groups of input columns linked by |r| ≥ `threshold` on the preprocessed rows x ([rows,
 * features] row-major, features in `preprocessing.featureNames` order). Only columns that are one
 * feature (numbers, booleans) are compared; a group joins every column linked to another by a
 * chain of strong correlations. Largest groups first.
 */
export function correlatedColumnGroups(
  x: ArrayLike<number>,
  rows: number,
  preprocessing: Preprocessing,
  threshold = STRONG_CORRELATION,
): CorrelatedGroup[] {
  const features = preprocessing.featureNames.length;
  if (rows < 3 || features === 0) return [];
  const single = inputColumnFeatures(preprocessing).filter((c) => c.features.length === 1);
  const parent = single.map((_, i) => i);
  const root = (i: number): number =>
    parent[i] === i ? i : (parent[i] = root(parent[i] as number));
  const strongest = new Map<number, number>();
  for (let i = 0; i < single.length; i++) {
    for (let j = i + 1; j < single.length; j++) {
      const f = single[i]?.features[0] as number;
      const g = single[j]?.features[0] as number;
      const r = Math.abs(pearson(x, rows, features, f, g));
      if (r < threshold) continue;
      const [a, b] = [root(i), root(j)];
      const best = Math.max(r, strongest.get(a) ?? 0, strongest.get(b) ?? 0);
      parent[b] = a;
      strongest.set(a, best);
    }
  }
  const groups = new Map<number, string[]>();
  single.forEach((column, i) => {
    const group = root(i);
    groups.set(group, [...(groups.get(group) ?? []), column.column]);
  });
  return [...groups.entries()]
    .filter(([, columns]) => columns.length > 1)
    .map(([group, columns]) => ({ columns, strongest: strongest.get(group) ?? threshold }))
    .sort((a, b) => b.columns.length - a.columns.length || b.strongest - a.strongest);
}
