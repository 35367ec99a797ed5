import type { EpochMetrics } from "./types";

/** At most `max` items, evenly spread, always keeping the first and the last. */
export function thinEvenly<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = Math.ceil(items.length / max);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

/**
 * One or two sentences saying what a per-epoch curve pair shows, for a screen reader in place of
 * the chart: where training and validation ended, and where the validation value was best.
 * `key` is the training series (loss or metric); its validation twin is read beside it.
 */
export function describeEpochCurves(
  history: readonly EpochMetrics[],
  key: "loss" | "metric",
  name: string,
  higherIsBetter: boolean,
): string {
  const last = history[history.length - 1];
  if (!last) return `No ${name} yet.`;
  const format = (value: number) => value.toPrecision(3);
  const validationKey = key === "loss" ? "valLoss" : "valMetric";
  const lastValidation = last[validationKey];
  let text = `After ${last.epoch} epoch${last.epoch === 1 ? "" : "s"}, training ${name} ${format(last[key])}`;
  text += lastValidation === null ? "." : `, validation ${name} ${format(lastValidation)}.`;
  let best: EpochMetrics | null = null;
  for (const epoch of history) {
    const value = epoch[validationKey];
    if (value === null) continue;
    const bestValue = best?.[validationKey] ?? null;
    if (bestValue === null || (higherIsBetter ? value > bestValue : value < bestValue))
      best = epoch;
  }
  const bestValue = best?.[validationKey];
  if (best && bestValue !== null && bestValue !== undefined) {
    text += ` Best validation ${name}: ${format(bestValue)} at epoch ${best.epoch}.`;
  }
  return text;
}

/**
 * The epochs with `loss` as the data loss alone: the weight penalty (L1/L2) the training loss
 * includes taken out, when the run kept it, so training and validation losses measure the same.
 */
export function withDataLoss(history: readonly EpochMetrics[]): EpochMetrics[] {
  return history.map((m) => (m.penalty ? { ...m, loss: m.loss - m.penalty } : m));
}
