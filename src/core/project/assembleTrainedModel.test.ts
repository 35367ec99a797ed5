import { describe, expect, it } from "vitest";
import {
  COMPLETED,
  DENSE_SPEC,
  classesPrepared,
  numberedPictures,
} from "../../../tests/support/preparedRuns";
import { prepareImageRun } from "../data/images/imageRun";
import type { PreparedData } from "../data/preparedData";
import { buildEvaluation } from "../eval/evaluation";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import type { StoredTensor } from "../train/types";
import { assembleTrainedModel } from "./assembleTrainedModel";
import { TRAINED_MODEL_VERSION } from "./trainedModel";
import { trainedModelSchema } from "./trainedModelSchema";

const spec = DENSE_SPEC;
const weights: StoredTensor[] = [
  { name: "output/kernel", shape: [2, 3], values: new Float32Array(6) },
  { name: "output/bias", shape: [3], values: new Float32Array(3) },
];

/** The TrainedModel of a finished run on `prepared` (with a uniform report), from `fileName`. */
function assembled(
  fileName: string,
  prepared: PreparedData,
  sampleImages?: Parameters<typeof assembleTrainedModel>[0]["sampleImages"],
) {
  const classes = prepared.plan.classNames.length;
  const evaluation = buildEvaluation({
    prepared,
    testOutputs: new Float32Array(prepared.test.rows * classes).fill(1 / classes),
    outputSize: classes,
    inputsKey: "k",
    outcome: COMPLETED,
    backend: "cpu",
  });
  const model = assembleTrainedModel({
    fileName,
    prepared,
    spec,
    config: DEFAULT_TRAIN_CONFIG,
    weights,
    evaluation,
    outcome: COMPLETED,
    backend: "cpu",
    ...(sampleImages ? { sampleImages } : {}),
  });
  return { model, evaluation };
}

describe("assembleTrainedModel", () => {
  it("makes a finished table run a TrainedModel: named after file and target, with its data's facts", () => {
    const prepared = classesPrepared();
    const { model, evaluation } = assembled("Pets 2024.csv", prepared);
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
    const run = prepareImageRun(
      { ...numberedPictures(10, ["a", "b"], 2), sourceName: "shapes.zip" },
      { train: 0.6, validation: 0.2, test: 0.2 },
      1,
      null,
    );
    const { model } = assembled("shapes.zip", run.prepared, run.sampleImages);
    expect(model.name).toBe("shapes");
    expect(model.sampleImages).toBe(run.sampleImages);
    expect(model.preprocessing.image).toMatchObject({ size: 2, channels: 1 });
  });
});
