/**
 * Categories, one-hot encoded: the most frequent training categories (at most MAX_CATEGORIES), one
 * feature each; unknown categories encode as all zeros.
 */
import { z } from "zod";
import { MISSING_MARKERS } from "../csv";
import { MISSING_CATEGORY } from "../types";
import { FLOAT, ML_DOMAIN } from "./graph";
import { cellAt, cleanCell, type ColumnKind } from "./kind";
import { columnName, text } from "./schema";

/** One-hot vocabularies keep the most frequent categories; rarer ones encode as all zeros. */
export const MAX_CATEGORIES = 100;

export interface OneHotTransform {
  kind: "one-hot";
  column: string;
  /** Category used for missing cells, or null: missing maps to all zeros. */
  fillValue: string | null;
  /** Vocabulary in output order; unknown categories map to all zeros. */
  categories: string[];
}

export const oneHotSchema = z.object({
  kind: z.literal("one-hot"),
  column: columnName,
  fillValue: text.nullable(),
  categories: z.array(text).max(100_000),
});

export const categoricalKind: ColumnKind<OneHotTransform> = {
  kind: "one-hot",
  columnType: "categorical",
  settingDefaults: () => ({ impute: "most-frequent", scaling: "none" }),

  fit(values, trainRows, setting) {
    const counts = new Map<string, number>(); // insertion order = first appearance
    for (const value of trainRows.map((row) => cellAt(values, row))) {
      if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    // Array.prototype.sort is stable: equally frequent categories keep their first-appearance order.
    const categories = [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, MAX_CATEGORIES)
      .map(([category]) => category);
    const { impute, imputeConstant } = setting;
    if (impute === "missing-category") {
      // Missing cells get a column of their own only when training saw some; otherwise a missing cell
      // at prediction time encodes as all zeros, like any category training never saw.
      const trainHasMissing = trainRows.some((row) => cellAt(values, row) === null);
      if (trainHasMissing && !categories.includes(MISSING_CATEGORY))
        categories.push(MISSING_CATEGORY);
      return { kind: "one-hot", column: setting.name, fillValue: MISSING_CATEGORY, categories };
    }
    const fillValue =
      impute === "constant"
        ? cleanCell(imputeConstant)
        : impute === "most-frequent"
          ? (categories[0] ?? null)
          : null;
    // A constant fill such as "(missing)" is a category of its own, not an unknown one.
    if (fillValue !== null && !categories.includes(fillValue)) categories.push(fillValue);
    return { kind: "one-hot", column: setting.name, fillValue, categories };
  },

  featureNames: (t) => t.categories.map((c) => `${t.column}=${c}`),
  width: (t) => t.categories.length,

  encoder(t) {
    const index = new Map(t.categories.map((c, i) => [c, i]));
    return (text, out, offset) => {
      const category = text ?? t.fillValue;
      const position = category === null ? undefined : index.get(category);
      if (position !== undefined) out[offset + position] = 1;
    };
  },

  /** The most frequent training category (categories are stored most frequent first). */
  writeReference(t, row, offset) {
    t.categories.forEach((_, i) => {
      row[offset + i] = i === 0 ? 1 : 0;
    });
    return t.categories[0] ?? "(none)";
  },

  /**
   * The cell's text; a missing marker ("", NA, null, …) → the fill category (or zeros), an unknown
   * category → all zeros.
   */
  pipelineInput: "string",
  pipelineCell: (_t, text) => text ?? "",
  graph(g, x, t) {
    const count = t.categories.length;
    if (count === 0) return null;
    const fillIndex = t.fillValue === null ? -1 : t.categories.indexOf(t.fillValue);
    // Categories are cleaned cells, so none of them is a missing marker.
    const markers = [...MISSING_MARKERS].filter((m) => !t.categories.includes(m));
    const index = g.op(
      "LabelEncoder",
      [x],
      {
        keys_strings: [...t.categories, ...markers],
        values_int64s: {
          ints: [...t.categories.map((_, i) => i), ...markers.map(() => fillIndex)],
        },
        default_int64: { int: -1 },
      },
      ML_DOMAIN,
    );
    const positions = g.int64s([count], [...Array(count).keys()]);
    // [batch, 1] == [count] broadcasts to [batch, count]; index -1 (unknown) matches nothing.
    return g.op("Cast", [g.op("Equal", [index, positions])], { to: { int: FLOAT } });
  },

  cardLine: (t) => ({
    accepts: `one of ${t.categories.length} categories; missing ("" or NA…) → ${t.fillValue ?? "all zeros"}; unknown → all zeros`,
    becomes: "one-hot",
  }),
  field: (t) => ({ kind: "category", column: t.column, categories: t.categories }),
  // Any text is a category; unknown ones are counted apart (see rowsCsv).
  valueProblem: () => null,
};
