import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mulberry32, shuffleInPlace } from "../data/random";
import { buildModel } from "../model/build";
import { mlpSpec } from "../model/templates";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "./config";
import { classWeightsFor, perExampleLoss, trainLoop, TrainingDivergedError } from "./loop";
import { createOptimizer, storeModelWeights } from "./state";
import type { TrainingData } from "./types";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/**
 * The training loop written the plain way, batch by batch: shuffle the row indices with the epoch's
 * seed, gather each batch's rows, one optimizer step on the mean (class-weighted) loss plus the
 * layers' regularisation. The studio's loop batches its work differently (rows gathered on the
 * device a block at a time, losses read back in groups) and must end with exactly these weights.
 */
async function referenceTrain(model: tf.LayersModel, data: TrainingData, config: TrainConfig) {
  const optimizer = createOptimizer(config);
  const { train } = data;
  const weights = classWeightsFor(data, config);
  const losses: number[] = [];
  const penalties: number[] = [];
  for (let epoch = 1; epoch <= config.epochs; epoch++) {
    const order = shuffleInPlace(
      Array.from({ length: train.rows }, (_, i) => i),
      mulberry32(config.seed * 1000003 + epoch),
    );
    let lossSum = 0;
    let penaltySum = 0;
    for (let start = 0; start < train.rows; start += config.batchSize) {
      const rows = order.slice(start, start + config.batchSize);
      let penalty: tf.Scalar | null = null;
      const loss = tf.tidy(() => {
        const x = tf.tensor2d(
          rows.flatMap((r) =>
            Array.from(train.x.subarray(r * data.featureCount, (r + 1) * data.featureCount)),
          ),
          [rows.length, data.featureCount],
        );
        const y = tf.tensor1d(rows.map((r) => train.y[r] ?? 0));
        const w = weights ? tf.tensor1d(rows.map((r) => weights[train.y[r] ?? 0] ?? 1)) : null;
        return optimizer.minimize(() => {
          const predicted = model.apply(x, { training: true }) as tf.Tensor;
          const perExample = perExampleLoss(data.task, predicted, y, data.classCount);
          let total: tf.Scalar = tf.mean(w ? tf.mul(perExample, w) : perExample);
          for (const regularization of model.calculateLosses()) {
            penalty = tf.keep(penalty ? tf.add(penalty, regularization) : regularization.clone());
            total = tf.add(total, regularization);
          }
          return total;
        }, true) as tf.Scalar;
      });
      lossSum += (await loss.data())[0]! * rows.length;
      loss.dispose();
      if (penalty) {
        penaltySum += (await (penalty as tf.Scalar).data())[0]! * rows.length;
        (penalty as tf.Scalar).dispose();
      }
    }
    losses.push(lossSum / train.rows);
    penalties.push(penaltySum / train.rows);
  }
  optimizer.dispose();
  return { losses, penalties };
}

function tableData(task: "classification" | "regression", rows: number): TrainingData {
  const rng = mulberry32(11);
  const features = 5;
  const x = Float32Array.from({ length: rows * features }, () => rng() * 2 - 1);
  const y = Float32Array.from({ length: rows }, (_, r) => {
    const score = (x[r * features] ?? 0) + 0.5 * (x[r * features + 1] ?? 0);
    // Uneven classes, so that balanced class weights differ from 1.
    return task === "classification" ? (score > 0.6 ? 2 : score > -0.2 ? 1 : 0) : score;
  });
  return {
    task,
    featureCount: features,
    classCount: task === "classification" ? 3 : 1,
    train: { x, y, rows },
    validation: { x: new Float32Array(0), y: new Float32Array(0), rows: 0 },
    targetScale: 1,
  };
}

const flat = (weights: Awaited<ReturnType<typeof storeModelWeights>>) =>
  weights.flatMap((w) => Array.from(w.values));

describe("the training loop against the plain batch-by-batch loop", () => {
  const cases: Array<
    [string, "classification" | "regression", Partial<TrainConfig>, number?, number?]
  > = [
    [
      "classification, balanced class weights, a partial last batch",
      "classification",
      {
        classWeighting: "balanced",
      },
    ],
    ["regression with batch normalisation, on blocks of 32 rows", "regression", {}, 32],
    [
      "classification with RMSProp, on blocks of one batch",
      "classification",
      {
        optimizer: "rmsprop",
      },
      1,
    ],
    ["regression with an L2 penalty, its share of the loss kept apart", "regression", {}, 32, 0.1],
  ];
  it.each(cases)(
    "%s: the same weights and losses",
    async (_name, task, overrides, blockRows, l2) => {
      const data = tableData(task, 150);
      const config: TrainConfig = {
        ...DEFAULT_TRAIN_CONFIG,
        epochs: 3,
        batchSize: 16,
        earlyStopping: { enabled: false, patience: 5, restoreBest: false },
        ...overrides,
      };
      const spec = mlpSpec(
        {
          hidden: [{ units: 8, activation: "relu", dropout: 0, ...(l2 ? { l2 } : {}) }],
          batchNorm: task === "regression" && !l2,
        },
        { featureCount: 5, task, classCount: data.classCount },
      );
      const studioModel = buildModel(tf, spec, { seed: 5 });
      const referenceModel = buildModel(tf, spec, { seed: 5 });
      const before = tf.memory().numTensors;
      const outcome = await trainLoop(studioModel, data, config, {}, null, { blockRows });
      expect(tf.memory().numTensors).toBe(before);
      const reference = await referenceTrain(referenceModel, data, config);
      const referenceLosses = reference.losses;
      expect(flat(await storeModelWeights(studioModel))).toEqual(
        flat(await storeModelWeights(referenceModel)),
      );
      outcome.history.forEach((epoch, i) => {
        expect(epoch.loss).toBeCloseTo(referenceLosses[i] ?? NaN, 10);
        // The penalty part of the loss, kept apart: absent without penalties.
        if (l2) expect(epoch.penalty).toBeCloseTo(reference.penalties[i] ?? NaN, 6);
        else expect(epoch.penalty).toBeUndefined();
      });
      if (l2) expect(outcome.history[0]?.penalty).toBeGreaterThan(0.01);
      studioModel.dispose();
      referenceModel.dispose();
    },
  );
});

describe("a loss that diverges", () => {
  it("ends the run with a message saying what to change, leaking no tensors", async () => {
    const data = tableData("regression", 150);
    data.train.y.forEach((_, i) => (data.train.y[i] = 1e30));
    const spec = mlpSpec(
      { hidden: [{ units: 8, activation: "relu", dropout: 0 }], batchNorm: false },
      { featureCount: 5, task: "regression", classCount: 1 },
    );
    const model = buildModel(tf, spec, { seed: 5 });
    const before = tf.memory().numTensors;
    const config: TrainConfig = { ...DEFAULT_TRAIN_CONFIG, epochs: 2, batchSize: 16 };
    const run = trainLoop(model, data, config);
    await expect(run).rejects.toBeInstanceOf(TrainingDivergedError);
    await expect(run).rejects.toThrow(/Lower the learning rate/);
    expect(tf.memory().numTensors).toBe(before);
    model.dispose();
  });
});
