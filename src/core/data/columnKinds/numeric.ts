/** Numbers: imputed, then standardised, min–max scaled or left as they are. One feature. */
import { z } from "zod";
import { parseNumber } from "../numbers";
import { imputeNumber, mean, std } from "../columnStats";
import { fillNonFinite, subtractPrecisely } from "./graph";
import { cellAt, type ColumnKind } from "./kind";
import { columnName, finite } from "./schema";

export interface NumericTransform {
  kind: "numeric";
  column: string;
  decimalComma: boolean;
  /** Value used for missing or unparsable cells. */
  fillValue: number;
  scaling:
    | { kind: "standardize"; mean: number; std: number }
    | { kind: "minmax"; min: number; max: number }
    | { kind: "none" };
}

const scalingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("standardize"), mean: finite, std: finite.refine((v) => v !== 0) }),
  z
    .object({ kind: z.literal("minmax"), min: finite, max: finite })
    .refine((s) => s.max > s.min, "max must be greater than min"),
  z.object({ kind: z.literal("none") }),
]);

export const numericSchema = z.object({
  kind: z.literal("numeric"),
  column: columnName,
  decimalComma: z.boolean(),
  fillValue: finite,
  scaling: scalingSchema,
});

export const numericKind: ColumnKind<NumericTransform> = {
  kind: "numeric",
  columnType: "numeric",
  settingDefaults: () => ({ impute: "mean", scaling: "standardize" }),

  fit(values, trainRows, setting, profile) {
    const decimalComma = profile?.decimalComma ?? false;
    const parsed = trainRows.map((row) => parseNumber(cellAt(values, row) ?? "", decimalComma));
    const present = parsed.filter((v) => Number.isFinite(v));
    const constant = parseNumber(setting.imputeConstant, decimalComma);
    const fillValue = imputeNumber(present, setting.impute, constant);
    const imputed = parsed.map((v) => (Number.isFinite(v) ? v : fillValue));
    const base = { kind: "numeric" as const, column: setting.name, decimalComma, fillValue };
    if (setting.scaling === "standardize") {
      const center = mean(imputed);
      return { ...base, scaling: { kind: "standardize", mean: center, std: std(imputed, center) } };
    }
    if (setting.scaling === "minmax") {
      let min = Infinity;
      let max = -Infinity;
      for (const v of imputed) [min, max] = [Math.min(min, v), Math.max(max, v)];
      if (imputed.length === 0) [min, max] = [0, 1];
      // A constant column gets a range of 1, so it maps to 0 instead of dividing by zero.
      return { ...base, scaling: { kind: "minmax", min, max: max > min ? max : min + 1 } };
    }
    return { ...base, scaling: { kind: "none" } };
  },

  featureNames: (t) => [t.column],
  width: () => 1,

  encoder(t) {
    const { scaling } = t;
    return (text, out, offset) => {
      const parsed = text === null ? NaN : parseNumber(text, t.decimalComma);
      const v = Number.isFinite(parsed) ? parsed : t.fillValue;
      if (scaling.kind === "standardize") out[offset] = (v - scaling.mean) / scaling.std;
      else if (scaling.kind === "minmax")
        out[offset] = (v - scaling.min) / (scaling.max - scaling.min);
      else out[offset] = v;
    };
  },

  /**
   * Standardized: the training mean (encoded as exactly 0). Min–max or unscaled: the imputation
   * value (the training mean under the default "mean" imputation), unless the caller passes the
   * training features' means.
   */
  writeReference(t, row, offset, featureMeans) {
    const { scaling } = t;
    const mean = featureMeans?.[offset];
    if (scaling.kind === "standardize") {
      row[offset] = 0;
      return String(scaling.mean);
    }
    const encode = (v: number) =>
      scaling.kind === "minmax" ? (v - scaling.min) / (scaling.max - scaling.min) : v;
    const decode = (v: number) =>
      scaling.kind === "minmax" ? v * (scaling.max - scaling.min) + scaling.min : v;
    row[offset] = mean ?? encode(t.fillValue);
    return String(mean === undefined ? t.fillValue : decode(mean));
  },

  /** A float; NaN (or ±Infinity) for a missing or unparsable cell → the fill value. */
  pipelineInput: "float",
  pipelineCell: (t, text) => (text === null ? NaN : parseNumber(text, t.decimalComma)),
  graph(g, x, t) {
    const v = fillNonFinite(g, x, t.fillValue);
    const { scaling } = t;
    if (scaling.kind === "standardize") {
      return g.op("Div", [subtractPrecisely(g, v, [scaling.mean], []), g.scalar(scaling.std)]);
    }
    if (scaling.kind === "minmax") {
      const range = g.scalar(scaling.max - scaling.min);
      return g.op("Div", [subtractPrecisely(g, v, [scaling.min], []), range]);
    }
    return v;
  },

  cardLine: (t, fmt) => ({
    accepts: `number; NaN when missing → ${fmt(t.fillValue)}`,
    becomes: t.scaling.kind,
  }),
  field: (t) => ({ kind: "number", column: t.column, decimalComma: t.decimalComma }),
  valueProblem: (t, text) =>
    Number.isNaN(parseNumber(text, t.decimalComma))
      ? `is not a number${t.decimalComma ? " (this column uses a decimal comma)" : ""}`
      : null,
};
