import "fake-indexeddb/auto";

import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { IndexedDbProjectStorage } from "../storage/projectDb";
import { predictRecords } from "../core/project/predict";
import { startAutosave } from "./autosave";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";
import { selectReportIsStale } from "./selectors";

const studio = createTestStudio({ projects: new IndexedDbProjectStorage("linear-run-test") });

const stop = startAutosave(studio);
const state = () => studio.getState();

beforeAll(async () => {
  await tf.setBackend("cpu");
});
afterAll(() => stop());

describe("Use the linear model", () => {
  it("makes the report's linear model the current model and a run of its own", async () => {
    await loadTable(studio, "public/samples/diabetes.csv");
    await trainOnCpu(studio, 2);
    const network = state().trainedModel;
    const linear = state().evaluation?.linear;
    if (!network || !linear?.fitted || linear.report.kind !== "regression")
      throw new Error("the run kept no fitted linear model");
    const networkSpec = state().spec;
    await vi.waitFor(() => expect(state().projectRuns).toHaveLength(1));

    state().adoptLinearModel();

    const model = state().trainedModel;
    if (!model) throw new Error("no model");
    expect(model.linearFit).toEqual({ method: "ridge", penalty: 1 });
    expect(model.spec.nodes.map((n) => n.type)).toEqual(["InputLayer", "Dense"]);
    expect(state().spec).toBe(model.spec);
    // Its report is the linear column the network's report showed, number for number.
    expect(model.report).toEqual(linear.report);
    const evaluation = state().evaluation;
    expect(evaluation?.report).toEqual(linear.report);
    expect(evaluation?.linear).toBeNull();
    expect(selectReportIsStale(state())).toBe(false);
    // Its test predictions give back its report's numbers.
    if (evaluation?.predictions.task !== "regression") throw new Error("not regression");
    const { actual, predicted } = evaluation.predictions;
    const mae = actual.reduce((sum, a, i) => sum + Math.abs(a - (predicted[i] ?? NaN)), 0);
    expect(mae / actual.length).toBeCloseTo(linear.report.mae, 9);
    // Kept in the history beside the network's run, and current.
    await vi.waitFor(() => expect(state().projectRuns).toHaveLength(2));
    const run = state().projectRuns[1];
    expect(run?.model).toBe(model);
    expect(state().currentRunId).toBe(run?.id);
    expect(state().run.state).toBe("done");
    // Try it answers with the linear model.
    const row = model.sampleRows[0];
    if (!row) throw new Error("no sample row");
    const answer = await state().predictRecord(row);
    const [expected] = await predictRecords(tf, model, [row]);
    expect(answer.kind === "regression" ? answer.value : NaN).toBeCloseTo(expected?.[0] ?? NaN, 4);
    // Adopting again does nothing: the current model is the linear one already.
    state().adoptLinearModel();
    expect(state().trainedModel).toBe(model);
    // Undo brings the network back on the canvas; its run still holds its model.
    state().undo();
    expect(state().spec).toEqual(networkSpec);
    expect(state().projectRuns[0]?.model).toBe(network);
  }, 120_000);
});
