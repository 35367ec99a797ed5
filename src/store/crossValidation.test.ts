import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { LocalTrainingRunner } from "../worker/localTrainingRunner";
import { evaluationReportSchema } from "../core/project/trainedModelSchema";
import { reopenedEvaluation } from "../core/eval/evaluation";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable } from "../../tests/support/studioSteps";

const runner = new LocalTrainingRunner();
const studio = createTestStudio({ training: runner });

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function loadIris() {
  await loadTable(studio, "public/samples/iris.csv");
  studio.getState().setBackendPreference("cpu");
}

describe("cross-validation in a training run", () => {
  it("trains each fold after the main run and reports mean ± std for the network and the linear model", async () => {
    await loadIris();
    studio.getState().setTrainConfig({
      epochs: 4,
      crossValidation: { enabled: true, folds: 3 },
    });
    const folds: number[] = [];
    const unsubscribe = studio.subscribe((s) => {
      if (s.run.fold && folds[folds.length - 1] !== s.run.fold.fold) folds.push(s.run.fold.fold);
    });
    await studio.getState().startTraining();
    await vi.waitFor(() => expect(studio.getState().run.state).toMatch(/done|error/), {
      timeout: 60_000,
    });
    unsubscribe();
    const { evaluation, run, trainedModel } = studio.getState();
    expect(run.error).toBeNull();
    expect(folds).toEqual([1, 2, 3]);
    const cv = evaluation?.crossValidation;
    if (!cv) throw new Error("no cross-validation");
    // 150 rows: 22 in the test split, the other 128 dealt into the folds.
    expect(cv).toMatchObject({ folds: 3, completed: 3, rows: 128 });
    for (const source of [cv.network, cv.linear]) {
      const accuracy = source?.accuracy;
      if (!accuracy) throw new Error("no accuracy across folds");
      expect(accuracy.mean).toBeGreaterThan(0.3);
      expect(accuracy.mean).toBeLessThanOrEqual(1);
      expect(accuracy.std).toBeGreaterThanOrEqual(0);
    }
    // The linear model on iris is good in every fold.
    expect(cv.linear?.accuracy?.mean).toBeGreaterThan(0.85);
    // The model kept is the main run's: trained on the usual split's 105 rows.
    expect(trainedModel?.report.testSize).toBe(22);
    // Its report keeps the linear model and cross-validation through the saved format's schema,
    // so a project, bundle or link shows them again.
    const saved = evaluationReportSchema.parse(JSON.parse(JSON.stringify(trainedModel?.report)));
    expect(saved.crossValidation).toEqual(cv);
    expect(saved.linear?.report).toEqual(evaluation?.linear?.report);
    const reopened = reopenedEvaluation({ ...evaluation!, report: saved });
    expect(reopened.crossValidation).toEqual(cv);
    expect(reopened.linear?.report).toEqual(evaluation?.linear?.report);
  }, 120_000);

  it("stops during the folds: the main run's model stays, with no cross-validation figures", async () => {
    await loadIris();
    studio.getState().setTrainConfig({
      epochs: 30,
      earlyStopping: { enabled: false, patience: 10, restoreBest: true },
      crossValidation: { enabled: true, folds: 5 },
    });
    const unsubscribe = studio.subscribe((s) => {
      if (s.run.fold?.fold === 2 && s.run.fold.epoch >= 1) studio.getState().stopTraining();
    });
    await studio.getState().startTraining();
    await vi.waitFor(() => expect(studio.getState().run.state).toMatch(/done|stopped|error/), {
      timeout: 60_000,
    });
    unsubscribe();
    const { evaluation, trainedModel } = studio.getState();
    expect(evaluation?.outcome.reason).toBe("completed");
    expect(evaluation?.crossValidation).toMatchObject({ folds: 5, completed: 1, network: {} });
    expect(trainedModel).not.toBeNull();
  }, 120_000);
});
