import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { transformRecord } from "../../data/preprocess";
import type { RawRecord, TrainedModel } from "../../project/trainedModel";
import { checkOnnxFiles } from "../../../../tests/support/onnxTestHarness";
import { runOnnx } from "../../../../tests/support/ortTesting";
import { makeTrainedModel } from "../../../../tests/support/testModels";
import { pipelineInputs } from "./pipelineInputs";
import { preprocessingOnnxModel } from "./pipelineOnnx";

let mixed: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  mixed = await makeTrainedModel({
    file: "tests/fixtures/bundle-mixed.csv",
    target: "plan",
    task: "classification",
    dateColumns: ["signup"],
    epochs: 1,
  });
});

/** Rows the fitted preprocessing must treat exactly as transformRecord does. */
const edgeRows: RawRecord[] = [
  { age: null, city: null, member: null, signup: null, visits: null },
  { age: "abc", city: "Marseille", member: "maybe", signup: "not a date", visits: "NA" },
  { age: "42", city: "Paris", member: "YES", signup: "2020-02-29", visits: "1e1" },
  { age: "-3.5", city: "Lille", member: "f", signup: "1969-12-31", visits: "0" },
  { age: "77", city: "lyon", member: "No", signup: "2024-03-01T10:30:00Z", visits: "39.9" },
  { age: "18", city: "Nice", member: "1", signup: "1900-03-01", visits: "-1" },
  { age: "30", city: "Lyon", member: "0", signup: "2100-12-31", visits: "5" },
];

describe("the preprocessing as ONNX", () => {
  it("has a graph input per column: floats for numbers and dates, strings for the rest", () => {
    // Sorted: where the date column's features sit depends on who fitted it (core/data or the test).
    expect(mixed.preprocessing.inputs.map((t) => `${t.column}:${t.kind}`).sort()).toEqual([
      "age:numeric",
      "city:one-hot",
      "member:boolean",
      "signup:date",
      "visits:numeric",
    ]);
  });

  it("equals transformRecord on real rows, missing cells, unknown categories and odd dates", async () => {
    const records = [...mixed.sampleRows, ...edgeRows];
    const model = preprocessingOnnxModel(mixed.preprocessing);
    const { features } = await runOnnx(model, pipelineInputs(mixed.preprocessing, records));
    const width = mixed.preprocessing.featureNames.length;
    expect(features?.dims).toEqual([records.length, width]);
    records.forEach((record, r) => {
      const expected = transformRecord(record, mixed.preprocessing);
      const actual = features?.data.subarray(r * width, (r + 1) * width) ?? [];
      expected.forEach((value, f) => {
        const name = `${mixed.preprocessing.featureNames[f]} of row ${r}`;
        // float32 holds about 7 digits: compare relative to the feature's size.
        const tolerance = 1e-5 * Math.max(1, Math.abs(value));
        expect(Math.abs((actual[f] ?? NaN) - value), name).toBeLessThanOrEqual(tolerance);
      });
    });
  });

  it("passes the onnx checker's full check", () => {
    const bytes = preprocessingOnnxModel(mixed.preprocessing);
    const { ok, report } = checkOnnxFiles([{ name: "preprocessing", bytes }]);
    expect(ok, report).toBe(true);
  });
});
