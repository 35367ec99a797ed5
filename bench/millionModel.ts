import * as tf from "@tensorflow/tfjs";
import type { Preprocessing } from "../src/core/data/types";
import { buildModel } from "../src/core/model/build";
import { mlpSpec } from "../src/core/model/templates";
import type { TrainedModel } from "../src/core/project/trainedModel";
import { DEFAULT_TRAIN_CONFIG } from "../src/core/train/config";
import { storeModelWeights } from "../src/core/train/state";

/** A 20-column table model with 1,008,387 parameters (Dense 1024 → Dense 960 → 3 classes). */
export async function millionParameterModel(): Promise<TrainedModel> {
  await tf.setBackend("cpu");
  const columns = Array.from({ length: 20 }, (_, i) => `x${i}`);
  const spec = mlpSpec(
    {
      hidden: [
        { units: 1024, activation: "relu", dropout: 0 },
        { units: 960, activation: "relu", dropout: 0 },
      ],
      batchNorm: false,
    },
    { featureCount: columns.length, task: "classification", classCount: 3 },
  );
  const layers = buildModel(tf, spec, { seed: 1 });
  const weights = await storeModelWeights(layers);
  layers.dispose();
  const preprocessing: Preprocessing = {
    version: 1,
    task: "classification",
    inputs: columns.map((column, i) => ({
      kind: "numeric",
      column,
      decimalComma: false,
      fillValue: i,
      scaling: { kind: "standardize", mean: i, std: 1 + i },
    })),
    featureNames: columns,
    label: { kind: "classes", column: "y", classNames: ["a", "b", "c"] },
  };
  const perClass = ["a", "b", "c"].map((className) => ({
    className,
    precision: 0.5,
    recall: 0.5,
    f1: 0.5,
    support: 10,
  }));
  const average = { precision: 0.5, recall: 0.5, f1: 0.5, support: 30 };
  return {
    version: 1,
    name: "benchmark million",
    spec,
    weights,
    preprocessing,
    labels: ["a", "b", "c"],
    task: "classification",
    report: {
      kind: "classification",
      classNames: ["a", "b", "c"],
      accuracy: 0.5,
      perClass,
      macro: average,
      weighted: average,
      confusion: [
        [5, 3, 2],
        [3, 5, 2],
        [2, 3, 5],
      ],
      baselineAccuracy: 0.33,
      baselineClass: "a",
      testSize: 30,
    },
    trainConfig: DEFAULT_TRAIN_CONFIG,
    backend: "cpu",
    createdAt: "2026-11-29T20:00:00.000Z",
    history: [],
    dataset: {
      fileName: "bench.csv",
      rows: 200,
      split: { train: 140, validation: 30, test: 30 },
      columns: [...columns, "y"],
    },
    sampleRows: [Object.fromEntries(columns.map((c, i) => [c, String(i * 1.5)]))],
  };
}
