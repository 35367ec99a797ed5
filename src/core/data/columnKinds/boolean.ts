/** Yes/no columns: true/yes/t/y/1 → 1, false/no/f/n/0 → 0 (any case), anything else → the fill. */
import { z } from "zod";
import { parseNumber } from "../numbers";
import { imputeNumber } from "../columnStats";
import { ML_DOMAIN } from "./graph";
import { cellAt, type ColumnKind } from "./kind";
import { columnName, finite } from "./schema";

/** Words read as true and as false (any case), by parseBoolean and the ONNX pipeline. */
export const TRUE_WORDS: ReadonlySet<string> = new Set(["true", "yes", "t", "y", "1"]);
export const FALSE_WORDS: ReadonlySet<string> = new Set(["false", "no", "f", "n", "0"]);

/** 1 for true/yes/t/y/1, 0 for false/no/f/n/0 (any case), null for anything else. */
export function parseBoolean(text: string): 0 | 1 | null {
  const lower = text.trim().toLowerCase();
  return TRUE_WORDS.has(lower) ? 1 : FALSE_WORDS.has(lower) ? 0 : null;
}

/** Whether a boolean cell reads as true (missing and unreadable cells read as false). */
export function booleanChecked(text: string | null): boolean {
  return text !== null && parseBoolean(text) === 1;
}

export interface BooleanTransform {
  kind: "boolean";
  column: string;
  fillValue: number;
}

export const booleanSchema = z.object({
  kind: z.literal("boolean"),
  column: columnName,
  fillValue: finite,
});

/** Every upper/lower-case spelling of `word` ("yes" → yes, yeS, yEs, …). */
function caseVariants(word: string): string[] {
  let variants = [""];
  for (const char of word) {
    const forms = [...new Set([char.toLowerCase(), char.toUpperCase()])];
    variants = variants.flatMap((prefix) => forms.map((form) => prefix + form));
  }
  return variants;
}

export const booleanKind: ColumnKind<BooleanTransform> = {
  kind: "boolean",
  columnType: "boolean",
  settingDefaults: () => ({ impute: "most-frequent", scaling: "none" }),

  fit(values, trainRows, setting) {
    const present = trainRows
      .map((row) => parseBoolean(cellAt(values, row) ?? ""))
      .filter((bit) => bit !== null);
    const { impute, imputeConstant } = setting;
    const constant = parseBoolean(imputeConstant) ?? parseNumber(imputeConstant, false);
    return {
      kind: "boolean",
      column: setting.name,
      fillValue: imputeNumber(present, impute, constant),
    };
  },

  featureNames: (t) => [t.column],
  width: () => 1,
  encoder: (t) => (text, out, offset) => {
    out[offset] = (text === null ? null : parseBoolean(text)) ?? t.fillValue;
  },

  /** The more frequent of true/false (its imputation value, rounded). */
  writeReference(t, row, offset) {
    const value = t.fillValue >= 0.5 ? 1 : 0;
    row[offset] = value;
    return value === 1 ? "true" : "false";
  },

  /** The cell's text; true/yes/t/y/1 and false/no/f/n/0 in any case, anything else → fill. */
  pipelineInput: "string",
  pipelineCell: (_t, text) => text ?? "",
  graph(g, x, t) {
    // LabelEncoder matches exact strings, so every case of each word is a key of its own.
    const keys = [...TRUE_WORDS, ...FALSE_WORDS].flatMap(caseVariants);
    const values = keys.map((key) => (TRUE_WORDS.has(key.toLowerCase()) ? 1 : 0));
    return g.op(
      "LabelEncoder",
      [x],
      { keys_strings: keys, values_floats: values, default_float: t.fillValue },
      ML_DOMAIN,
    );
  },

  cardLine: (t, fmt) => ({
    accepts: `true/yes/t/y/1 or false/no/f/n/0 (any case); anything else → ${fmt(t.fillValue)}`,
    becomes: "0/1",
  }),
  field: (t) => ({ kind: "boolean", column: t.column }),
  valueProblem: (_t, text) =>
    parseBoolean(text) === null ? "is not true/false, yes/no or 1/0" : null,
};
