import { describe, expect, it } from "vitest";
import { COMPLETED, classesPrepared } from "../../../tests/support/preparedRuns";
import { prepareImageRun } from "../data/images/imageRun";
import { buildEvaluation } from "../eval/evaluation";
import type { ModelSpec } from "../model/spec";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import type { StoredTensor } from "../train/types";
import { assembleTrainedModel } from "./assembleTrainedModel";
import { TRAINED_MODEL_VERSION } from "./trainedModel";
import { trainedModelSchema } from "./trainedModelSchema";

const spec: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [
    { id: "input", type: "InputLayer", params: { shape: [2] } },
    { id: "output", type: "Dense", params: { units: 3, activation: "softmax", useBias: true } },
  ],
  edges: [{ from: "input", to: "output", toIndex: 0 }],
  outputs: ["output"],
};
const weights: StoredTensor[] = [
  { name: "output/kernel", shape: [2, 3], values: new Float32Array(6) },
  { name: "output/bias", shape: [3], values: new Float32Array(3) },
];

describe("assembleTrainedModel", () => {
  it("makes a finished table run a TrainedModel: named after file and target, with its data's facts", () => {
    const prepared = classesPrepared();
    const evaluation = buildEvaluation({
      prepared,
      testOutputs: new Float32Array(12).fill(1 / 3),
      outputSize: 3,
      inputsKey: "k",
      outcome: COMPLETED,
      backend: "cpu",
    });
    const model = assembleTrainedModel({
      fileName: "Pets 2024.csv",
      prepared,
      spec,
      config: DEFAULT_TRAIN_CONFIG,
      weights,
      evaluation,
      outcome: COMPLETED,
      backend: "cpu",
    });
    expect(model).toMatchObject({
      version: TRAINED_MODEL_VERSION,
      name: "pets-2024-animal",
      labels: ["cat", "dog", "fox"],
      task: "classification",
      backend: "cpu",
      report: evaluation.report,
      history: COMPLETED.history,
      dataset: {
        fileName: "Pets 2024.csv",
        rows: 12,
        split: { train: 6, validation: 2, test: 4 },
        columns: ["animal"],
      },
      sampleRows: prepared.sampleRows,
    });
    expect(model.weights).toBe(weights);
    expect(model).not.toHaveProperty("sampleImages");
    expect(Number.isNaN(Date.parse(model.createdAt))).toBe(false);
    // What it makes passes the format's own schema (what export, projects and links read back).
    expect(trainedModelSchema.safeParse(model).success).toBe(true);
  });

  it("names a picture model after its file alone and keeps its sample pictures", () => {
    const count = 10;
    const run = prepareImageRun(
      {
        version: 1,
        sourceName: "shapes.zip",
        size: 2,
        channels: 1,
        fit: "stretch",
        classNames: ["a", "b"],
        pixels: new Uint8Array(count * 4),
        labels: Int32Array.from({ length: count }, (_, i) => i % 2),
        paths: Array.from({ length: count }, (_, i) => `${i}.png`),
        count,
        notes: [],
      },
      { train: 0.6, validation: 0.2, test: 0.2 },
      1,
      null,
    );
    const evaluation = buildEvaluation({
      prepared: run.prepared,
      testOutputs: new Float32Array(run.prepared.test.rows * 2).fill(0.5),
      outputSize: 2,
      inputsKey: "k",
      outcome: COMPLETED,
      backend: "cpu",
    });
    const model = assembleTrainedModel({
      fileName: "shapes.zip",
      prepared: run.prepared,
      spec,
      config: DEFAULT_TRAIN_CONFIG,
      weights,
      evaluation,
      outcome: COMPLETED,
      backend: "cpu",
      sampleImages: run.sampleImages,
    });
    expect(model.name).toBe("shapes");
    expect(model.sampleImages).toBe(run.sampleImages);
    expect(model.preprocessing.image).toMatchObject({ size: 2, channels: 1 });
  });
});
