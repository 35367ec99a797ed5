import { describe, expect, it } from "vitest";
import {
  classesPrepared,
  numberedPictures,
  numbersPrepared,
} from "../../../tests/support/preparedRuns";
import { prepareImageRun } from "../data/images/imageRun";
import type { PreparedFold } from "../data/preparedData";
import type { ModelSpec } from "../model/spec";
import { DEFAULT_TRAIN_CONFIG } from "./config";
import { pictureRunData, tableRunData, trainRequestOf } from "./trainRequest";
import type { Checkpoint } from "./types";

const spec: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [{ id: "input", type: "InputLayer", params: { shape: [1] } }],
  edges: [],
  outputs: ["input"],
};

/** One cross-validation fold of the regression rows, standardised by its own spread (5). */
function fold(): PreparedFold {
  const split = (values: number[]) => ({
    x: Float32Array.from(values),
    y: Float32Array.from(values),
    rows: values.length,
  });
  return {
    train: split([1, 2]),
    validation: split([3]),
    test: split([4, 5]),
    testTargets: Float64Array.from([25, 30]),
    trainTargets: Float64Array.from([10, 15]),
    label: { kind: "standardized", column: "price", decimalComma: false, mean: 12, std: 5 },
  };
}

describe("tableRunData", () => {
  it("sends the features and keeps copies of what the report reads, for a regression in its units", () => {
    const prepared = numbersPrepared();
    const run = tableRunData("regression", { ...prepared, folds: [fold(), fold()] });
    const { data, test, report, folds } = run.payload;
    expect(data).toMatchObject({
      task: "regression",
      featureCount: 1,
      classCount: 0,
      targetScale: 10,
    });
    // The trainer gets the very arrays (they are transferred, which empties them on the page) ...
    expect(data.train).toBe(prepared.train);
    expect(test.x).toBe(prepared.test.x);
    // ... so the page keeps copies of the labels and test features for the report.
    expect(run.kept.train.y).not.toBe(prepared.train.y);
    expect(run.kept.train.y).toEqual(prepared.train.y);
    expect(run.kept.test.x).not.toBe(prepared.test.x);
    expect(run.kept.test.x).toEqual(prepared.test.x);
    expect(run.kept).not.toHaveProperty("folds");
    expect(report?.testTargets).toBe(prepared.testTargets);
    expect(folds).toHaveLength(2);
    expect(folds?.[0]).toMatchObject({ targetScale: 5, test: { rows: 2 } });
    expect(run.cv?.rows).toBe(5);
    expect(run.cv?.truths[1]).toMatchObject({ testTargets: Float64Array.from([25, 30]) });
  });

  it("sends no folds and keeps no fold truths without cross-validation; classes scale by 1", () => {
    const run = tableRunData("classification", classesPrepared());
    expect(run.payload.data).toMatchObject({ classCount: 3, targetScale: 1 });
    expect(run.payload).not.toHaveProperty("folds");
    expect(run.cv).toBeNull();
  });
});

describe("pictureRunData", () => {
  it("sends the picture bytes, and each fold's held-out pictures with their labels kept", () => {
    const split = prepareImageRun(
      numberedPictures(15, ["a", "b", "c"]),
      { train: 0.6, validation: 0.2, test: 0.2 },
      3,
      null,
      2,
    );
    const run = pictureRunData(split);
    expect(run.kept).toBe(split.prepared);
    expect(run.payload.data).toBe(split.data);
    expect(run.payload.test).toBe(split.test);
    expect(run.payload.folds?.map((f) => f.test.x)).toEqual(split.folds.map((f) => f.test.pixels));
    expect(run.cv?.truths.map((t) => Array.from(t.testLabels))).toEqual(
      split.folds.map((f) => Array.from(f.test.y)),
    );
    expect(run.cv?.rows).toBe(
      split.prepared.plan.sizes.train + split.prepared.plan.sizes.validation,
    );
  });
});

describe("trainRequestOf", () => {
  const settings = {
    runId: "run-1-1",
    spec,
    config: DEFAULT_TRAIN_CONFIG,
    preference: "auto" as const,
    cachedChoice: null,
    resumeFrom: null,
    pretrained: null,
  };

  it("carries the run's data and settings, and a checkpoint or pretrained weights only when given", () => {
    const run = tableRunData("regression", numbersPrepared());
    const fresh = trainRequestOf(run, settings);
    expect(fresh).toMatchObject({ runId: "run-1-1", spec, preference: "auto", cachedChoice: null });
    expect(fresh.data).toBe(run.payload.data);
    expect(fresh).not.toHaveProperty("resumeFrom");
    expect(fresh).not.toHaveProperty("pretrained");
    const checkpoint = { epoch: 3 } as unknown as Checkpoint;
    const pretrained = { weights: [], fineTune: null };
    const resumed = trainRequestOf(run, { ...settings, resumeFrom: checkpoint, pretrained });
    expect(resumed.resumeFrom).toBe(checkpoint);
    expect(resumed.pretrained).toBe(pretrained);
  });
});
