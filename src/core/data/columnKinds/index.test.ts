import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultColumnSettings, profileColumns } from "../columns";
import { parseCsvText } from "../csv";
import { fitPreprocessing, transformRecord } from "../preprocess";
import { COLUMN_TYPES, type FittedColumnTransform } from "../types";
import { COLUMN_KINDS, fittedColumnTransformSchema, isInputType, kindForType, kindOf } from ".";

/** The mixed bundle fixture: a number, a category, yes/no, a date and a second number. */
async function mixedPreprocessing() {
  const csv = readFileSync("tests/fixtures/bundle-mixed.csv", "utf8");
  const table = await parseCsvText(csv, "bundle-mixed.csv");
  const profiles = profileColumns(table);
  const settings = profiles.map(defaultColumnSettings);
  const rows = [...Array(table.rowCount).keys()];
  return fitPreprocessing(table, profiles, settings, "plan", "classification", rows);
}

describe("column kinds registry", () => {
  it("gives a kind to exactly the column types that become inputs", () => {
    const inputs = COLUMN_TYPES.filter(isInputType);
    expect(inputs).toEqual(["numeric", "categorical", "boolean", "date"]);
    for (const type of inputs) expect(kindForType(type)?.columnType).toBe(type);
    for (const type of ["identifier", "text", "empty"] as const) {
      expect(kindForType(type)).toBeUndefined();
    }
    // One kind per column type: the registry never has two answers.
    const types = COLUMN_KINDS.map((kind) => kind.columnType);
    expect(new Set(types).size).toBe(types.length);
  });

  it("resolves every fitted transform to the kind that fitted it", async () => {
    const preprocessing = await mixedPreprocessing();
    const kinds = preprocessing.inputs.map((t) => t.kind);
    expect(new Set(kinds)).toEqual(new Set(["numeric", "one-hot", "boolean", "date"]));
    let width = 0;
    for (const t of preprocessing.inputs) {
      const kind = kindOf(t);
      expect(kind.kind).toBe(t.kind);
      expect(kind.featureNames(t)).toHaveLength(kind.width(t));
      expect(fittedColumnTransformSchema.parse(t)).toEqual(t);
      width += kind.width(t);
    }
    expect(width).toBe(preprocessing.featureNames.length);
    expect(transformRecord({}, preprocessing)).toHaveLength(width);
  });

  it("refuses a transform of a kind it does not know, and a kind's transform with a wrong field", () => {
    const unknown = { kind: "text", column: "review" };
    expect(fittedColumnTransformSchema.safeParse(unknown).success).toBe(false);
    const date: FittedColumnTransform = {
      kind: "date",
      column: "signup",
      order: "iso",
      fillValue: 19000,
      origin: 18000,
      scales: [{ mean: 2022, std: 1 }],
    };
    // A date writes four features, so it needs four scales.
    expect(fittedColumnTransformSchema.safeParse(date).success).toBe(false);
  });
});
