/** Numbers as the studio reads them from cells: one place, for profiling and every column kind. */

const PLAIN_NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const COMMA_NUMBER = /^[+-]?(\d+(,\d*)?|,\d+)([eE][+-]?\d+)?$/;

/**
 * Parses a plain decimal number, or returns NaN. No thousands separators, hex, "Infinity" or "NaN".
 * With `decimalComma` a single comma is the decimal separator ("3,5" = 3.5) and dots are not
 * allowed, so "1.234,5" is NaN: guessing which of the two is the thousands separator is how
 * numbers get silently scaled by a thousand.
 */
export function parseNumber(text: string, decimalComma: boolean): number {
  const trimmed = text.trim();
  if (decimalComma) {
    if (!COMMA_NUMBER.test(trimmed)) return NaN;
    const value = Number(trimmed.replace(",", "."));
    return Number.isFinite(value) ? value : NaN;
  }
  if (!PLAIN_NUMBER.test(trimmed)) return NaN;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : NaN;
}
