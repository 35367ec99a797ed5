/**
 * Probabilities as percentages a person can compare: never a possible answer rounded to 0% or
 * 100%, and two different probabilities never written the same.
 */

/** `p` as a percentage with `places` decimals; ">99.9%" / "<0.1%" where rounding would say 100 or 0. */
export function percentText(p: number, places = 1): string {
  const text = (p * 100).toFixed(places);
  if (p < 1 && text === (100).toFixed(places)) return `>${(100 - 10 ** -places).toFixed(places)}%`;
  if (p > 0 && text === (0).toFixed(places)) return `<${(10 ** -places).toFixed(places)}%`;
  return `${text}%`;
}

/** Most decimals a pair is given: float32 probabilities hold about 7 significant digits. */
export const MAX_PERCENT_PLACES = 7;

/**
 * Two probabilities as percentages with one decimal, or with as many more as it takes to tell
 * them apart and write both as numbers (up to MAX_PERCENT_PLACES): 0.99996 and 0.99991 →
 * "99.996%", "99.991%", not ">99.9%" twice.
 */
export function percentPair(a: number, b: number): [string, string] {
  const bounded = (text: string) => text.startsWith(">") || text.startsWith("<");
  let places = 1;
  const pair = () => [percentText(a, places), percentText(b, places)] as [string, string];
  // More digits while the two read the same, or one is only a bound (">99.9%" says too little).
  while (places < MAX_PERCENT_PLACES && a !== b) {
    const [first, second] = pair();
    if (first !== second && !bounded(first) && !bounded(second)) break;
    places++;
  }
  return pair();
}
