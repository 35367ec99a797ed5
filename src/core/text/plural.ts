/**
 * `1 epoch`, `2 epochs`: the count with the noun in the right number (English); counts of five
 * digits or more are grouped (12,000), shorter ones are not (1000). Every message that counts
 * something (rows, pictures, values, classes) is built with it, so none reads "1 rows".
 */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  const shown = Math.abs(count) >= 10_000 ? count.toLocaleString("en") : String(count);
  return `${shown} ${count === 1 ? singular : pluralForm}`;
}

/** The verb that agrees with a count: `1 row has`, `2 rows have`. */
export function agree(count: number, singularVerb: string, pluralVerb: string): string {
  return count === 1 ? singularVerb : pluralVerb;
}
