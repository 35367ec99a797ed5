/**
 * Seeded train/validation/test splits, stratified by class when labels are given.
 *
 * Order of the results: `train` is shuffled (the order a model first sees it in), `validation` and
 * `test` are sorted ascending, so reports and prediction downloads follow the table's order.
 */
import { mulberry32, shuffleInPlace } from "./random";
import type { SplitFractions, SplitIndices } from "./types";

const SPLITS = ["train", "validation", "test"] as const;

/** Throws an Error a person can act on when the fractions are not a valid split. */
export function validateFractions(fractions: SplitFractions): void {
  for (const name of SPLITS) {
    const value = fractions[name];
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0 || value > 1) {
      throw new Error(`The ${name} share must be a number between 0 and 1 (got ${String(value)}).`);
    }
  }
  if (fractions.train <= 0) {
    throw new Error("The training split cannot be empty: give it a share above 0.");
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) {
    throw new Error(
      `The train, validation and test shares must add up to 1 (100%); they add up to ${sum}.`,
    );
  }
}

/**
 * What is wrong with split shares as a person sees them (in percent), or null when they make a
 * split: each share 0–100%, training and test above 0, all three adding up to 100%.
 */
export function splitProblem(fractions: SplitFractions): string | null {
  const percent = (share: number) => Math.round(share * 1000) / 10;
  for (const name of SPLITS) {
    const value = fractions[name];
    if (!Number.isFinite(value) || value < 0 || value > 1) {
      return `The ${name} share must be between 0% and 100% (it is ${percent(value)}%).`;
    }
  }
  const sum = fractions.train + fractions.validation + fractions.test;
  if (Math.abs(sum - 1) > 1e-9) {
    return `The split shares add up to ${percent(sum)}%; make them add up to 100%.`;
  }
  if (fractions.train <= 0) return "The training share is 0%; give training some rows.";
  if (fractions.test <= 0) return "The test share is 0%; give testing some rows.";
  return null;
}

/** Integers that add up to `total`, each the floor of its quota plus at most one (Hamilton). */
function largestRemainder(quotas: number[], total: number): number[] {
  const counts = quotas.map((q) => Math.floor(q));
  let left = total - counts.reduce((a, b) => a + b, 0);
  const order = quotas
    .map((q, i) => ({ i, fraction: q - Math.floor(q) }))
    .sort((a, b) => b.fraction - a.fraction || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as { i: number }).i;
    counts[i] = (counts[i] as number) + 1;
  }
  return counts;
}

/**
 * How many rows of each group go to each split: every group close to the fractions, and the
 * totals equal to the largest-remainder rounding of fraction × rows (within ± groups at worst),
 * except that a group of 3+ rows gets at least one row in every split with a share above 0.
 */
function allocate(groupSizes: number[], weights: number[]): number[][] {
  const rowCount = groupSizes.reduce((a, b) => a + b, 0);
  const targets = largestRemainder(
    weights.map((w) => w * rowCount),
    rowCount,
  );
  const quotas = groupSizes.map((n) => weights.map((w) => w * n));
  const counts = quotas.map((q) => q.map((x) => Math.floor(x)));
  const leftover = groupSizes.map((n, g) => n - (counts[g] as number[]).reduce((a, b) => a + b, 0));
  const deficit = targets.map((t, s) => t - counts.reduce((sum, c) => sum + (c[s] as number), 0));
  const add = (g: number, s: number) => {
    const row = counts[g] as number[];
    row[s] = (row[s] as number) + 1;
    leftover[g] = (leftover[g] as number) - 1;
    deficit[s] = (deficit[s] as number) - 1;
  };

  // Hand each group's leftover rows to the splits with the largest remainders that still need rows.
  const cells = quotas
    .flatMap((q, g) => q.map((x, s) => ({ g, s, fraction: x - Math.floor(x) })))
    .filter((cell) => cell.fraction > 0)
    .sort((a, b) => b.fraction - a.fraction || a.s - b.s || a.g - b.g);
  for (const { g, s } of cells) {
    if ((leftover[g] as number) > 0 && (deficit[s] as number) > 0) add(g, s);
  }
  groupSizes.forEach((_, g) => {
    while ((leftover[g] as number) > 0) {
      let best = 0;
      for (let s = 1; s < weights.length; s++) {
        if ((weights[s] as number) > 0 && (deficit[s] as number) > (deficit[best] as number)) {
          best = s;
        }
      }
      add(g, best);
    }
  });

  // A group with at least one row per split gets one in every split that asked for any.
  groupSizes.forEach((n, g) => {
    const row = counts[g] as number[];
    if (n < weights.length) return;
    weights.forEach((w, s) => {
      if (w <= 0 || (row[s] as number) > 0) return;
      const largest = row.indexOf(Math.max(...row));
      row[largest] = (row[largest] as number) - 1;
      row[s] = 1;
    });
  });
  return counts;
}

/**
 * Splits rows 0..rowCount-1. With `labels` (one per row; class indices, any number works, e.g. -1 for
 * rows without a label) each class is split on its own so every split mirrors the class balance;
 * with null the rows are shuffled and cut. The same seed always gives the same split.
 */
export function splitIndices(
  labels: number[] | null,
  rowCount: number,
  fractions: SplitFractions,
  seed: number,
): SplitIndices {
  validateFractions(fractions);
  if (!Number.isInteger(rowCount) || rowCount < 0) {
    throw new Error(`The row count must be a whole number of at least 0 (got ${rowCount}).`);
  }
  if (labels && labels.length !== rowCount) {
    throw new Error(`Expected ${rowCount} labels, one per row, but got ${labels.length}.`);
  }

  const groups = new Map<number, number[]>();
  for (let row = 0; row < rowCount; row++) {
    const key = labels ? (labels[row] as number) : 0;
    const members = groups.get(key);
    if (members) members.push(row);
    else groups.set(key, [row]);
  }
  const groupRows = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, rows]) => rows);
  const weights = SPLITS.map((name) => fractions[name]);
  const counts = allocate(
    groupRows.map((rows) => rows.length),
    weights,
  );

  const rng = mulberry32(seed);
  const result: SplitIndices = { train: [], validation: [], test: [] };
  groupRows.forEach((rows, g) => {
    shuffleInPlace(rows, rng);
    let start = 0;
    SPLITS.forEach((name, s) => {
      const end = start + (counts[g]?.[s] ?? 0);
      // A loop, not push(...slice): spreading a million rows overflows the call stack.
      for (let i = start; i < end; i++) result[name].push(rows[i] as number);
      start = end;
    });
  });
  shuffleInPlace(result.train, rng);
  result.validation.sort((a, b) => a - b);
  result.test.sort((a, b) => a - b);
  return result;
}
