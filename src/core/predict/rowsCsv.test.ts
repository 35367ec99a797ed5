import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultColumnSettings, profileColumns } from "../data/columns";
import { parseCsvText } from "../data/csv";
import { planDataset } from "../data/prepare";
import { transformRecord } from "../data/preprocess";
import type { Preprocessing } from "../data/types";
import { interpretOutputs } from "./interpret";
import { checkRowsForPrediction, csvWithPredictions } from "./rowsCsv";

async function fitted(text: string, target: string): Promise<Preprocessing> {
  const table = await parseCsvText(text, "train.csv");
  const profiles = profileColumns(table);
  const result = planDataset({
    table,
    profiles,
    settings: profiles.map(defaultColumnSettings),
    target,
    task: "classification",
    fractions: { train: 0.7, validation: 0.15, test: 0.15 },
    seed: 1,
  });
  if (!result.ok) throw new Error(result.problem);
  return result.plan.preprocessing;
}

const irisPreprocessing = () => fitted(readFileSync("public/samples/iris.csv", "utf8"), "species");

/** A table with a number, a category and a yes/no column, 40 rows. */
function mixedCsv(): string {
  const lines = ["size,colour,fresh,label"];
  for (let i = 0; i < 40; i++) {
    lines.push(
      `${i % 7},${["red", "green", "blue"][i % 3]},${i % 2 ? "yes" : "no"},${i % 2 ? "a" : "b"}`,
    );
  }
  return lines.join("\n");
}

describe("a CSV of new rows", () => {
  it("becomes records of the model's columns; extra columns are named, not used", async () => {
    const preprocessing = await irisPreprocessing();
    const table = await parseCsvText(
      "id,petal_width,sepal_length,sepal_width,petal_length,note\n7,0.2,5.1,3.5,1.4,first\n8,,6.0,2.9,4.5,second\n",
      "new.csv",
    );
    const check = checkRowsForPrediction(table, preprocessing);
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(check.extraColumns).toEqual(["id", "note"]);
    expect(check.records).toEqual([
      { sepal_length: "5.1", sepal_width: "3.5", petal_length: "1.4", petal_width: "0.2" },
      { sepal_length: "6.0", sepal_width: "2.9", petal_length: "4.5", petal_width: null },
    ]);
    // The record encodes as a training row with the same values would (column order does not matter).
    const features = transformRecord(check.records[0] ?? {}, preprocessing);
    const fromTraining = transformRecord(
      { sepal_length: "5.1", sepal_width: "3.5", petal_length: "1.4", petal_width: "0.2" },
      preprocessing,
    );
    expect(Array.from(features)).toEqual(Array.from(fromTraining));
  });

  it("names every missing column", async () => {
    const preprocessing = await irisPreprocessing();
    const table = await parseCsvText("sepal_length,sepal_width\n5.1,3.5\n", "short.csv");
    const check = checkRowsForPrediction(table, preprocessing);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem).toMatch(/short\.csv has no column “petal_length”, “petal_width”/);
  });

  it("names the column and row of values it cannot read, and counts the rest", async () => {
    const preprocessing = await fitted(mixedCsv(), "label");
    const rows = ["size,colour,fresh", "3,red,yes", "three,red,yes", "4,green,maybe"];
    for (let i = 0; i < 6; i++) rows.push("x,blue,no");
    const check = checkRowsForPrediction(
      await parseCsvText(rows.join("\n"), "bad.csv"),
      preprocessing,
    );
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem).toContain("row 2, column “size”: “three” is not a number");
    expect(check.problem).toContain("row 3, column “fresh”: “maybe” is not true/false");
    expect(check.problem).toContain("(and 3 more)");
  });

  it("accepts missing cells and unseen categories, and counts the unseen ones", async () => {
    const preprocessing = await fitted(mixedCsv(), "label");
    const table = await parseCsvText("size,colour,fresh\n,purple,\n2,red,no\n", "odd.csv");
    const check = checkRowsForPrediction(table, preprocessing);
    expect(check.ok && check.unknownCategories).toEqual([{ column: "colour", rows: 1 }]);
  });

  it("comes back with the predictions and class probabilities appended", async () => {
    const preprocessing = await irisPreprocessing();
    const table = await parseCsvText(
      'name,sepal_length,sepal_width,petal_length,petal_width\n"a, b",5.1,3.5,1.4,0.2\nc,6.0,2.9,,1.5\n',
      "new.csv",
    );
    const labels = ["setosa", "versicolor", "virginica"];
    const outputs = Float32Array.from([0.9, 0.05, 0.05, 0.1, 0.7, 0.2]);
    const csv = csvWithPredictions(table, interpretOutputs(outputs, 2, preprocessing, labels));
    const lines = csv.trim().split("\n");
    expect(lines[0]).toBe(
      "name,sepal_length,sepal_width,petal_length,petal_width,predicted,p_setosa,p_versicolor,p_virginica",
    );
    expect(lines[1]).toBe(
      `"a, b",5.1,3.5,1.4,0.2,setosa,${outputs[0]},${outputs[1]},${outputs[2]}`,
    );
    expect(lines[2]).toBe(`c,6.0,2.9,,1.5,versicolor,${outputs[3]},${outputs[4]},${outputs[5]}`);
  });
});
