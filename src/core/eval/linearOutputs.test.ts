import { describe, expect, it } from "vitest";
import { preparedSample } from "../../../tests/support/sampleSplits";
import type { TaskKind } from "../data/types";
import type { AnyTrainingData } from "../train/types";
import { fitLinearOutputs } from "./linearOutputs";
import { argmaxRows } from "./metrics";

async function trainingData(file: string, target: string, task: TaskKind, classCount: number) {
  const { train, validation, test } = await preparedSample(file, target, task);
  const data: AnyTrainingData = {
    task,
    featureCount: train.rows > 0 ? train.x.length / train.rows : 0,
    classCount,
    train,
    validation,
    targetScale: 1,
  };
  return { data, test };
}

describe("fitLinearOutputs", () => {
  it("answers iris's test rows with one probability row per flower that mostly names the species", async () => {
    const { data, test } = await trainingData("iris.csv", "species", "classification", 3);
    const linear = fitLinearOutputs({ data, test: { x: test.x, rows: test.rows } });
    expect(linear).not.toBeNull();
    expect(linear?.model?.kind).toBe("logistic");
    expect(linear?.outputs).toHaveLength(test.rows * 3);
    const predicted = argmaxRows(Array.from(linear?.outputs ?? []), 3);
    const right = predicted.filter((p, row) => p === test.y[row]).length;
    expect(right / test.rows).toBeGreaterThan(0.85);
  });

  it("fits ridge for a regression and reports it converged", async () => {
    const { data, test } = await trainingData("diabetes.csv", "progression", "regression", 0);
    const linear = fitLinearOutputs({ data, test: { x: test.x, rows: test.rows } });
    expect(linear?.model?.kind).toBe("ridge");
    expect(linear?.outputs).toHaveLength(test.rows);
    expect(linear?.converged).toBe(true);
    expect(linear?.iterations).toBe(0);
  });

  it("has no linear row without test rows or for pictures (bytes, no feature matrix)", async () => {
    const { data, test } = await trainingData("iris.csv", "species", "classification", 3);
    expect(fitLinearOutputs({ data, test: { x: test.x, rows: 0 } })).toBeNull();
    const pictures: AnyTrainingData = {
      ...data,
      train: { pixels: new Uint8Array(4), y: new Float32Array(1), rows: 1 },
    };
    expect(
      fitLinearOutputs({ data: pictures, test: { x: new Uint8Array(4), rows: 1 } }),
    ).toBeNull();
  });
});
