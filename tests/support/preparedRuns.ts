import type { PreparedData } from "../../src/core/data/preparedData";
import type { TrainOutcome } from "../../src/core/train/types";

/**
 * Small prepared data as the data service answers it, written out by hand so a test can check the
 * report's numbers against what it reads here: two features, a train/validation/test split, and
 * the test rows' place in the file.
 */
export function classesPrepared(): PreparedData {
  const classNames = ["cat", "dog", "fox"];
  return {
    plan: {
      preprocessing: {
        version: 1,
        task: "classification",
        inputs: [],
        featureNames: ["ears", "tail"],
        label: { kind: "classes", column: "animal", classNames },
      },
      featureCount: 2,
      classNames,
      sizes: { train: 6, validation: 2, test: 4 },
      smallClasses: [],
    },
    train: {
      x: Float32Array.from([0, 1, 1, 0, 2, 2, 0, 1, 1, 0, 2, 2]),
      y: Float32Array.from([0, 1, 2, 0, 1, 2]),
      rows: 6,
    },
    validation: { x: Float32Array.from([0, 1, 1, 0]), y: Float32Array.from([0, 1]), rows: 2 },
    test: {
      x: Float32Array.from([0, 1, 1, 0, 2, 2, 0, 2]),
      y: Float32Array.from([0, 1, 2, 0]),
      rows: 4,
    },
    testTargets: new Float64Array(0),
    trainTargets: new Float64Array(0),
    sampleRows: [{ ears: "0", tail: "1", animal: "cat" }],
    testOrigin: { rowNumbers: [3, 7, 8, 12] },
  };
}

/** Regression: the target standardised by mean 20 and standard deviation 10. */
export function numbersPrepared(): PreparedData {
  return {
    plan: {
      preprocessing: {
        version: 1,
        task: "regression",
        inputs: [],
        featureNames: ["size"],
        label: { kind: "standardized", column: "price", decimalComma: false, mean: 20, std: 10 },
      },
      featureCount: 1,
      classNames: [],
      sizes: { train: 4, validation: 1, test: 3 },
      smallClasses: [],
    },
    train: { x: Float32Array.from([1, 2, 3, 4]), y: Float32Array.from([-1, 0, 0, 1]), rows: 4 },
    validation: { x: Float32Array.from([2]), y: Float32Array.from([0]), rows: 1 },
    test: { x: Float32Array.from([1, 2, 3]), y: Float32Array.from([-1, 0, 1]), rows: 3 },
    testTargets: Float64Array.from([10, 20, 30]),
    trainTargets: Float64Array.from([10, 20, 20, 30]),
    sampleRows: [],
    testOrigin: { rowNumbers: [1, 2, 3] },
  };
}

/** A run that went all its epochs (two), ending on the last. */
export const COMPLETED: TrainOutcome = {
  reason: "completed",
  bestEpoch: 2,
  history: [1, 2].map((epoch) => ({
    epoch,
    loss: 1 / epoch,
    metric: 0.5,
    valLoss: null,
    valMetric: null,
    numTensors: 10,
    seconds: 1.5,
  })),
};
