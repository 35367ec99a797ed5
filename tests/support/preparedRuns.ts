import type { ImageDataset } from "../../src/core/data/images/types";
import type { PreparedData } from "../../src/core/data/preparedData";
import { buildEvaluation } from "../../src/core/eval/evaluation";
import type { ModelSpec } from "../../src/core/model/spec";
import { assembleTrainedModel } from "../../src/core/project/assembleTrainedModel";
import { DEFAULT_TRAIN_CONFIG } from "../../src/core/train/config";
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

/** A network of one Dense softmax layer on two features, three classes (see classesPrepared). */
export const DENSE_SPEC: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [
    { id: "input", type: "InputLayer", params: { shape: [2] } },
    { id: "output", type: "Dense", params: { units: 3, activation: "softmax", useBias: true } },
  ],
  edges: [{ from: "input", to: "output", toIndex: 0 }],
  outputs: ["output"],
};

/**
 * A small model for 32×32×1 pictures that trains in a moment on the cpu backend (a CNN takes
 * minutes per epoch there): 4×4 pooling, then a softmax head over `classCount` classes.
 */
export function pooledPictureSpec(
  classCount: number,
  pool: "MaxPooling2D" | "AveragePooling2D" = "MaxPooling2D",
): ModelSpec {
  const nodes: ModelSpec["nodes"] = [
    { id: "input", type: "InputLayer", params: { shape: [32, 32, 1] } },
    { id: "pool", type: pool, params: { poolSize: [4, 4] } },
    { id: "flatten", type: "Flatten", params: {} },
    {
      id: "output",
      type: "Dense",
      params: { units: classCount, activation: "softmax", useBias: true },
    },
  ];
  // A chain: each layer takes the one before it.
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i]!.id, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: ["input"], nodes, edges, outputs: ["output"] };
}

/** The run on classesPrepared ("pets.csv") that just finished: its report and its model. */
export function finishedPetsRun(fileName = "pets.csv") {
  const prepared = classesPrepared();
  const evaluation = buildEvaluation({
    prepared,
    testOutputs: new Float32Array(12).fill(1 / 3),
    outputSize: 3,
    inputsKey: "inputs-now",
    outcome: COMPLETED,
    backend: "cpu",
  });
  const trainedModel = assembleTrainedModel({
    fileName,
    prepared,
    spec: DENSE_SPEC,
    config: DEFAULT_TRAIN_CONFIG,
    weights: [],
    evaluation,
    outcome: COMPLETED,
    backend: "cpu",
  });
  return { prepared, evaluation, trainedModel };
}

/** `count` grey pictures of side `size`, their classes taken in turn, each filled with its index. */
export function numberedPictures(count: number, classNames: string[], size = 1): ImageDataset {
  const area = size * size;
  return {
    version: 1,
    sourceName: "numbered.zip",
    size,
    channels: 1,
    fit: "stretch",
    classNames,
    pixels: Uint8Array.from({ length: count * area }, (_, i) => Math.floor(i / area)),
    labels: Int32Array.from({ length: count }, (_, i) => i % classNames.length),
    paths: Array.from({ length: count }, (_, i) => `${classNames[i % classNames.length]}/${i}.png`),
    count,
    notes: [],
  };
}
