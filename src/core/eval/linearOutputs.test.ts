import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { defaultColumnSettings, profileColumns } from "../data/columns";
import { parseCsvText } from "../data/csv";
import { materializeSplits, planDataset } from "../data/prepare";
import type { TaskKind } from "../data/types";
import type { AnyTrainingData } from "../train/types";
import { fitLinearOutputs } from "./linearOutputs";
import { argmaxRows } from "./metrics";

async function trainingData(file: string, target: string, task: TaskKind, classCount: number) {
  const url = new URL(`../../../public/samples/${file}`, import.meta.url);
  const table = await parseCsvText(readFileSync(url, "utf8"), file);
  const profiles = profileColumns(table);
  const settings = profiles.map(defaultColumnSettings);
  const fractions = { train: 0.7, validation: 0.1, test: 0.2 };
  const result = planDataset({ table, profiles, settings, target, task, fractions, seed: 1 });
  if (!result.ok) throw new Error(result.problem);
  const { train, validation, test } = materializeSplits(table, result.plan);
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
