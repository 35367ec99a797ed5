/**
 * How the classes spread over the splits, and which are too small to appear in every split: such a
 * class cannot be learned (no training rows), checked (no validation rows) or scored (no test rows;
 * the report then counts it as 0 in the macro average).
 */
import type { SplitIndices } from "./types";

export type SplitName = keyof SplitIndices;

/** Rows of each class in each split: `counts[split][classIndex]`. */
export type ClassSplitCounts = Record<SplitName, number[]>;

/**
 * Counts rows per class in each split. `labelOf(row)` gives a row's class index (rows are whatever
 * the split holds: table rows or positions); out-of-range labels are ignored.
 */
export function classSplitCounts(
  split: SplitIndices,
  labelOf: (row: number) => number,
  classCount: number,
): ClassSplitCounts {
  const count = (rows: number[]) => {
    const counts = new Array<number>(classCount).fill(0);
    for (const row of rows) {
      const label = labelOf(row);
      if (label >= 0 && label < classCount) counts[label] = (counts[label] as number) + 1;
    }
    return counts;
  };
  return {
    train: count(split.train),
    validation: count(split.validation),
    test: count(split.test),
  };
}

export interface SmallClass {
  className: string;
  /** Rows of the class over all splits. */
  rows: number;
  /** Splits that have rows but none of this class. */
  missingFrom: SplitName[];
}

/** Classes absent from a split that has rows, in class order. */
export function smallClasses(classNames: string[], counts: ClassSplitCounts): SmallClass[] {
  const splits = (["train", "validation", "test"] as const).filter((name) =>
    counts[name].some((n) => n > 0),
  );
  return classNames.flatMap((className, c) => {
    const missingFrom = splits.filter((name) => (counts[name][c] ?? 0) === 0);
    if (missingFrom.length === 0) return [];
    const rows = counts.train[c]! + counts.validation[c]! + counts.test[c]!;
    return [{ className, rows, missingFrom }];
  });
}

const SPLIT_WORDS: Record<SplitName, string> = {
  train: "training",
  validation: "validation",
  test: "test",
};

/** One sentence per small class, for a role="status" warning at load. */
export function describeSmallClass(small: SmallClass, target: string): string {
  const where = small.missingFrom.map((name) => SPLIT_WORDS[name]).join(" or ");
  const consequence = small.missingFrom.includes("test")
    ? " The report cannot score it and counts it as 0 in the macro average."
    : small.missingFrom.includes("train")
      ? " The model cannot learn it."
      : "";
  const rows = small.rows === 1 ? "1 row" : `${small.rows} rows`;
  return `“${target}” = “${small.className}” has only ${rows}, too few for every split: none in ${where}.${consequence} Add rows of it, merge it into another class, or leave it out.`;
}

/** The largest class at least this many times the smallest counts as imbalanced. */
export const IMBALANCE_RATIO = 3;

export interface ClassImbalance {
  largest: { className: string; count: number };
  smallest: { className: string; count: number };
  /** largest.count / smallest.count. */
  ratio: number;
}

/**
 * The largest and smallest class when the largest holds at least `threshold` times as many
 * examples as the smallest (so a model may lean on it), else null. Classes with no examples
 * are left out (the small-class warning names them).
 */
export function classImbalance(
  classNames: string[],
  counts: number[],
  threshold = IMBALANCE_RATIO,
): ClassImbalance | null {
  const present = classNames
    .map((className, c) => ({ className, count: counts[c] ?? 0 }))
    .filter((entry) => entry.count > 0);
  if (present.length < 2) return null;
  const largest = present.reduce((a, b) => (b.count > a.count ? b : a));
  const smallest = present.reduce((a, b) => (b.count < a.count ? b : a));
  const ratio = largest.count / smallest.count;
  return ratio >= threshold ? { largest, smallest, ratio } : null;
}

/** One sentence for the warning: which classes, how uneven, and why it matters. */
export function describeImbalance(imbalance: ClassImbalance, unit: string): string {
  const { largest, smallest } = imbalance;
  const times = imbalance.ratio >= 10 ? Math.round(imbalance.ratio) : imbalance.ratio.toFixed(1);
  return `The classes are uneven: “${largest.className}” has ${largest.count} ${unit}, “${smallest.className}” only ${smallest.count} (${times}× fewer). A model can score well by favouring the large classes; balanced class weights make each class count the same in training.`;
}
