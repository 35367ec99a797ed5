import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { inverseTarget } from "../core/data/preprocess";
import { fitLinearBaseline, predictLinearBaseline } from "../core/eval/linearBaseline";
import { regressionReport } from "../core/eval/metrics";
import { LocalTrainingRunner } from "../worker/localTrainingRunner";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";
import { selectPlanChoices } from "./selectors";
import type { FromTrainingWorker } from "../core/train/runMessages";

/** The in-process training worker, keeping the last "done" message it posted. */
class RecordingRunner extends LocalTrainingRunner {
  lastDone: Extract<FromTrainingWorker, { type: "done" }> | null = null;
  override start(...[request, onMessage]: Parameters<LocalTrainingRunner["start"]>) {
    super.start(request, (message) => {
      if (message.type === "done") this.lastDone = message;
      onMessage(message);
    });
  }
}
const runner = new RecordingRunner();
const studio = createTestStudio({ training: runner });

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the report of a finished run", () => {
  it("has the linear baseline of the same split and every column's permutation importance", async () => {
    await loadTable(studio, "public/samples/diabetes.csv");
    await trainOnCpu(studio, 3);
    const { evaluation } = studio.getState();
    if (!evaluation?.linear || evaluation.linear.report.kind !== "regression")
      throw new Error("no linear baseline");

    // The same ridge fit, made here from a fresh preparation of the same split.
    const choices = selectPlanChoices(studio.getState());
    if (!choices) throw new Error("no plan");
    const reply = await studio.services.data.prepare(choices.datasetId, choices.plan);
    if (!reply.ok) throw new Error(reply.problem);
    const { train, test, testTargets, trainTargets, plan } = reply.data;
    const ridge = fitLinearBaseline(train, "regression", 0);
    const predicted = Array.from(predictLinearBaseline(ridge, test.x, test.rows), (v) =>
      inverseTarget(plan.preprocessing, v),
    );
    const expected = regressionReport(Array.from(testTargets), predicted, Array.from(trainTargets));
    expect(evaluation.linear.report.r2).toBeCloseTo(expected.r2, 12);
    expect(evaluation.linear.report.r2).toBeGreaterThan(0.3);
    // The report's arithmetic was done in the training worker: the page shows the worker's parts
    // (not a copy it made again), and they are right for the network's own test outputs, worked
    // out here from the raw outputs, the test targets and the target's scaling.
    const done = runner.lastDone;
    if (!done?.reportParts) throw new Error("the worker sent no report");
    expect(evaluation.points).toBe(done.reportParts.points);
    expect(done.testOutputs).toHaveLength(test.rows);
    const network = Array.from(done.testOutputs, (v) => inverseTarget(plan.preprocessing, v));
    const actual = Array.from(testTargets);
    const report = evaluation.report;
    if (report.kind !== "regression") throw new Error("not a regression report");
    const byHand = regressionReport(actual, network, Array.from(trainTargets));
    for (const metric of ["mae", "mse", "rmse", "r2"] as const)
      expect(report[metric]).toBeCloseTo(byHand[metric], 9);
    expect(report.baseline.value).toBeCloseTo(byHand.baseline.value, 9);
    expect(report.testSize).toBe(test.rows);
    expect(evaluation.predictions.actual).toEqual(actual);
    expect(evaluation.predictions.predicted.map((v) => Number(v.toFixed(6)))).toEqual(
      network.map((v) => Number(v.toFixed(6))),
    );
    for (const point of evaluation.points) {
      const row = actual.indexOf(point.actual);
      expect(row).toBeGreaterThanOrEqual(0);
    }
    expect(evaluation.points.length).toBeGreaterThan(10);
    // The report kept its own copy of the test features (the worker's copy was transferred).
    expect(Array.from(evaluation.testRows.x)).toEqual(Array.from(test.x));

    const progress: number[] = [];
    const unsubscribe = studio.subscribe((s) => {
      if (s.importance?.state === "running" && s.importance.total > 0)
        progress.push(s.importance.done);
    });
    await studio.getState().measureImportance();
    unsubscribe();
    const importance = studio.getState().importance;
    if (importance?.state !== "done") throw new Error(JSON.stringify(importance));
    expect(importance.result.metric).toBe("r2");
    expect(importance.result.columns.map((c) => c.column)).toEqual(
      plan.preprocessing.inputs.map((input) => input.column),
    );
    expect(progress.length).toBeGreaterThan(0);

    // Input effects of the first sample row: its prediction is the try-it panel's answer.
    const model = studio.getState().trainedModel;
    const record = model?.sampleRows[0];
    if (!model || !record) throw new Error("no sample row");
    const moved = await studio.getState().recordEffects(record);
    const answer = await studio.getState().predictRecord(record);
    if (answer.kind !== "regression") throw new Error("expected a regression answer");
    expect(moved.prediction[0]).toBeCloseTo(answer.value, 9);
    expect(moved.effects.map((e) => e.column)).toEqual(
      plan.preprocessing.inputs.map((input) => input.column),
    );
  }, 90_000);
});
