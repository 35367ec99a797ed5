export { plural } from "../core/text/plural";

/**
 * A measured number for people: at most `digits` significant digits, no float noise
 * (5.819999999999998 → "5.82"), no exponent for ordinary magnitudes, trailing zeros dropped.
 */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e-4 && magnitude < 1e9) {
    const rounded = Number(value.toPrecision(digits));
    return rounded.toLocaleString("en", { maximumFractionDigits: 20, useGrouping: false });
  }
  return value.toExponential(digits - 1).replace(/\.?0+e/, "e");
}

/** A moment for people, the same way everywhere in the studio (e.g. "30 Nov 2026, 00:12"). */
export function formatWhen(iso: string | number | Date): string {
  return new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
