import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { transformRecord } from "../core/data/preprocess";
import { buildModel } from "../core/model/build";
import { migrateTrainedModel } from "../core/project/trainedModelSchema";
import { predictRows } from "../core/train/predictRows";
import { restoreModelWeights } from "../core/train/state";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";
import { selectPlanChoices } from "./selectors";

let studio = createTestStudio();

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  studio = createTestStudio();
});

const loadSample = (name: string) => loadTable(studio, `public/samples/${name}`);
const train = (epochs: number) => trainOnCpu(studio, epochs);

/** The test split's features and raw rows, prepared again by the data service. */
async function testSplit() {
  const choices = selectPlanChoices(studio.getState());
  if (!choices) throw new Error("no plan");
  const reply = await studio.services.data.prepare(choices.datasetId, choices.plan);
  if (!reply.ok) throw new Error(reply.problem);
  return reply.data;
}

describe("a finished run leaves a TrainedModel", () => {
  it("whose weights rebuild a model that predicts the same test outputs", async () => {
    await loadSample("iris.csv");
    await train(8);
    const { trainedModel: model, evaluation } = studio.getState();
    expect(model).not.toBeNull();
    if (!model || evaluation?.predictions.task !== "classification") throw new Error("no model");
    expect(model.name).toBe("iris-species");
    expect(model.labels).toEqual(["setosa", "versicolor", "virginica"]);
    expect(model.dataset).toMatchObject({ fileName: "iris.csv", rows: 150 });
    expect(model.dataset.columns).toEqual([
      "sepal_length",
      "sepal_width",
      "petal_length",
      "petal_width",
      "species",
    ]);
    expect(model.history).toHaveLength(8);
    expect(model.report).toBe(evaluation.report);
    // It is a valid TrainedModel by the format's own schema, so it can be exported and read back.
    expect(migrateTrainedModel(structuredClone(model))).toEqual(model);

    const network = buildModel(tf, model.spec, { seed: 1234 });
    expect(model.weights.map((w) => w.name)).toEqual(network.weights.map((w) => w.originalName));
    restoreModelWeights(network, model.weights);
    const { test } = await testSplit();
    const outputs = await predictRows(network, test.x, test.rows, test.x.length / test.rows);
    network.dispose();
    expect(Array.from(outputs)).toEqual(Array.from(evaluation.predictions.probabilities));
  });

  it("keeps raw test rows that encode exactly as the training transform did", async () => {
    await loadSample("diabetes.csv");
    await train(2);
    const model = studio.getState().trainedModel;
    if (!model) throw new Error("no model");
    const { test } = await testSplit();
    const width = model.preprocessing.featureNames.length;
    expect(model.sampleRows).toHaveLength(20);
    expect(Object.keys(model.sampleRows[0] ?? {})).toEqual(model.dataset.columns);
    model.sampleRows.forEach((record, row) => {
      const expected = test.x.subarray(row * width, (row + 1) * width);
      expect(Array.from(transformRecord(record, model.preprocessing))).toEqual(
        Array.from(expected),
      );
    });
    // The try-it answer for a sample row equals the report's prediction for that test row.
    const prediction = await studio.getState().predictRecord(model.sampleRows[3] ?? {});
    const evaluation = studio.getState().evaluation;
    if (prediction.kind !== "regression" || evaluation?.predictions.task !== "regression")
      throw new Error("expected regression");
    expect(prediction.value).toBe(evaluation.predictions.predicted[3]);
  });

  it("is gone when a new dataset is loaded", async () => {
    await loadSample("iris.csv");
    await train(1);
    expect(studio.getState().trainedModel).not.toBeNull();
    await loadSample("diabetes.csv");
    expect(studio.getState().trainedModel).toBeNull();
  });
});

describe("a bundle", () => {
  it("exports and imports back to the same model, report and answers, with no dataset", async () => {
    await loadSample("iris.csv");
    await train(4);
    const trained = studio.getState().trainedModel;
    if (!trained) throw new Error("no model");
    const sample = trained.sampleRows[0] ?? {};
    const before = await studio.getState().predictRecord(sample);
    const bundle = await studio.getState().exportBundle();
    expect(bundle?.fileName).toBe("iris-species.zip");
    expect(studio.getState().exportState).toEqual({ state: "idle" });

    studio = createTestStudio(); // a fresh studio: no dataset, no model
    const file = new File([bundle?.bytes as BlobPart], "iris-species.zip");
    await studio.getState().importBundle(file);
    const state = studio.getState();
    expect(state.importState).toEqual({ state: "imported", fileName: "iris-species.zip" });
    expect(state.dataset.kind).toBe("none");
    expect(state.trainedModelOrigin).toBe("bundle");
    expect(state.trainedModel).toEqual(trained);
    expect(state.spec).toEqual(trained.spec);
    expect(await state.predictRecord(sample)).toEqual(before);
  });

  it("that cannot be written says which layer, and keeps the model", async () => {
    await loadSample("iris.csv");
    await train(1);
    const trained = studio.getState().trainedModel;
    if (!trained) throw new Error("no model");
    const [first, ...rest] = trained.weights;
    if (!first) throw new Error("no weights");
    // Weights that belong to another model: export refuses rather than write nonsense.
    const foreign = { ...trained, weights: [{ ...first, name: "elsewhere/kernel" }, ...rest] };
    studio.getState().setTrainedModel(foreign);
    expect(await studio.getState().exportBundle()).toBeNull();
    const { exportState } = studio.getState();
    expect(exportState.state).toBe("failed");
    if (exportState.state === "failed") {
      expect(exportState.problem).toMatch(/dense_1\/kernel.*elsewhere\/kernel/);
      expect(exportState.model).toBe(foreign);
    }
    expect(studio.getState().trainedModel).toBe(foreign);
  });

  it("that is bad leaves everything loaded as it was and says why", async () => {
    await loadSample("iris.csv");
    await train(1);
    const { trainedModel, spec, evaluation } = studio.getState();
    for (const bytes of [new TextEncoder().encode("not a zip"), new Uint8Array(0)]) {
      await studio.getState().importBundle(new File([bytes], "broken.zip"));
      const state = studio.getState();
      expect(state.importState.state).toBe("failed");
      if (state.importState.state === "failed")
        expect(state.importState.problem).toMatch(/^broken\.zip: .{20,}/);
      expect(state.trainedModel).toBe(trainedModel);
      expect(state.spec).toBe(spec);
      expect(state.evaluation).toBe(evaluation);
    }
  });
});
