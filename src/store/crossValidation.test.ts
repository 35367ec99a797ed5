import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { LocalDataService } from "../worker/dataService";
import { LocalTrainingRunner } from "../worker/localTrainingRunner";
import { evaluationReportSchema } from "../core/project/trainedModelSchema";
import { setDataService } from "./dataService";
import { reopenedEvaluation } from "./evaluate";
import { useStudio } from "./index";
import { selectPlan } from "./selectors";
import { setTrainingRunner } from "./trainingRunner";

setDataService(new LocalDataService());
const runner = new LocalTrainingRunner();
setTrainingRunner(runner);

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function loadIris() {
  const text = readFileSync("public/samples/iris.csv");
  await useStudio.getState().loadFile(new File([text], "iris.csv", { type: "text/csv" }));
  await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
  useStudio.getState().setBackendPreference("cpu");
}

describe("cross-validation in a training run", () => {
  it("trains each fold after the main run and reports mean ± std for the network and the linear model", async () => {
    await loadIris();
    useStudio.getState().setTrainConfig({
      epochs: 4,
      crossValidation: { enabled: true, folds: 3 },
    });
    const folds: number[] = [];
    const unsubscribe = useStudio.subscribe((s) => {
      if (s.run.fold && folds[folds.length - 1] !== s.run.fold.fold) folds.push(s.run.fold.fold);
    });
    await useStudio.getState().startTraining();
    await vi.waitFor(() => expect(useStudio.getState().run.state).toMatch(/done|error/), {
      timeout: 60_000,
    });
    unsubscribe();
    const { evaluation, run, trainedModel } = useStudio.getState();
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
    useStudio.getState().setTrainConfig({
      epochs: 30,
      earlyStopping: { enabled: false, patience: 10, restoreBest: true },
      crossValidation: { enabled: true, folds: 5 },
    });
    const unsubscribe = useStudio.subscribe((s) => {
      if (s.run.fold?.fold === 2 && s.run.fold.epoch >= 1) useStudio.getState().stopTraining();
    });
    await useStudio.getState().startTraining();
    await vi.waitFor(() => expect(useStudio.getState().run.state).toMatch(/done|stopped|error/), {
      timeout: 60_000,
    });
    unsubscribe();
    const { evaluation, trainedModel } = useStudio.getState();
    expect(evaluation?.outcome.reason).toBe("completed");
    expect(evaluation?.crossValidation).toMatchObject({ folds: 5, completed: 1, network: {} });
    expect(trainedModel).not.toBeNull();
  }, 120_000);
});
