import * as tf from "@tensorflow/tfjs";
import type { TrainConfig } from "./config";
import {
  createOptimizer,
  restoreModelWeights,
  restoreOptimizer,
  storeTrainingState,
} from "./state";
import { exampleShape } from "./batchSource";
import { batchesPerDeviceBlock } from "./deviceBlocks";
import {
  disposeTrainingRows,
  trainEpoch,
  trainingRowsOf,
  type EpochRun,
  type EpochTotals,
  type LoopCallbacks,
} from "./epoch";
import { evaluateSplit } from "./losses";
import type { AnyTrainingData, Checkpoint, EpochMetrics, TrainOutcome } from "./types";

export { evaluateSplit, perExampleLoss } from "./losses";
export { TrainingDivergedError, type LoopCallbacks } from "./epoch";

/** Internal settings of the loop; tests use them to exercise edge cases with small data. */
export interface LoopTuning {
  /** Rows per gathered block (rounded down to whole batches, at least one batch). */
  blockRows?: number;
}

/** Per-class weights n / (classes × count) as scikit-learn's "balanced"; 1 for every class otherwise. */
export function classWeightsFor(data: AnyTrainingData, config: TrainConfig): number[] | null {
  if (data.task !== "classification" || config.classWeighting === "none") return null;
  const counts = new Array<number>(data.classCount).fill(0);
  for (const label of data.train.y) counts[label] = (counts[label] ?? 0) + 1;
  return counts.map((count) => (count > 0 ? data.train.rows / (data.classCount * count) : 0));
}

/** The best epoch so far (by the monitored loss) and how many epochs since it improved. */
interface Progress {
  best: Checkpoint["best"];
  epochsWithoutImprovement: number;
}

/** The epoch's metrics from its totals and the validation split (in inference mode). */
async function epochMetricsOf(
  run: EpochRun,
  epoch: number,
  totals: EpochTotals,
): Promise<EpochMetrics> {
  const { data } = run;
  const validation = await evaluateSplit(run.model, data, data.validation, 256);
  const scale = data.task === "regression" ? data.targetScale : 1;
  const { lossSum, seen, metricTotal, penaltyTotal } = totals;
  return {
    epoch,
    loss: lossSum / seen,
    metric: (metricTotal / seen) * scale,
    valLoss: validation?.loss ?? null,
    valMetric: validation?.metric ?? null,
    numTensors: 0,
    seconds: (performance.now() - totals.started) / 1000,
    ...(penaltyTotal !== null ? { penalty: penaltyTotal / seen } : {}),
  };
}

/**
 * Saves the epoch's state (one readback for its weights and optimizer state; the best epoch shares
 * them) and tracks the best epoch by validation loss, or training loss without a validation split.
 */
async function checkpointEpoch(
  run: EpochRun,
  metrics: EpochMetrics,
  history: EpochMetrics[],
  progress: Progress,
): Promise<Checkpoint> {
  const monitored = metrics.valLoss ?? metrics.loss;
  const saved = await storeTrainingState(run.model, run.optimizer);
  const improved = !progress.best || monitored < progress.best.monitored;
  if (improved) {
    progress.best = { epoch: metrics.epoch, monitored, weights: saved.weights };
    progress.epochsWithoutImprovement = 0;
  } else {
    progress.epochsWithoutImprovement++;
  }
  return {
    epoch: metrics.epoch,
    weights: saved.weights,
    optimizer: saved.optimizer,
    best: progress.best,
    epochsWithoutImprovement: progress.epochsWithoutImprovement,
    history,
  };
}

/**
 * The outcome: the model takes the best epoch's weights when training ended early or was stopped,
 * or when restoreBest is on.
 */
function finishRun(
  model: tf.LayersModel,
  config: TrainConfig,
  reason: TrainOutcome["reason"],
  { best }: Progress,
  history: EpochMetrics[],
): TrainOutcome {
  const lastEpoch = history[history.length - 1]?.epoch ?? 0;
  const useBest = best !== null && (reason !== "completed" || config.earlyStopping.restoreBest);
  if (useBest && best) restoreModelWeights(model, best.weights);
  return { reason, bestEpoch: useBest && best ? best.epoch : lastEpoch, history };
}

/**
 * Trains `model` on `data` with a seeded mini-batch loop: shuffles each epoch with the seed, applies
 * class weights as per-example weights, adds the layers' regularisation losses, tracks the best
 * epoch by validation loss (training loss when there is no validation split) and stops early after
 * `patience` epochs without improvement. Resumes from `resume` when given. On return the model holds
 * the best weights when training ended early or was stopped, or when restoreBest is on.
 */
export async function trainLoop(
  model: tf.LayersModel,
  data: AnyTrainingData,
  config: TrainConfig,
  callbacks: LoopCallbacks = {},
  resume: Checkpoint | null = null,
  tuning: LoopTuning = {},
): Promise<TrainOutcome> {
  const optimizer = createOptimizer(config);
  const run: EpochRun = {
    model,
    data,
    config,
    callbacks,
    optimizer,
    rows: trainingRowsOf(data, classWeightsFor(data, config)),
    trainable: model.trainableWeights.map((weight) => weight.read() as tf.Variable),
    shape: exampleShape(data),
    batches: Math.max(1, Math.ceil(data.train.rows / config.batchSize)),
    batchesPerBlock: batchesPerDeviceBlock(config.batchSize, data.featureCount, tuning.blockRows),
    lastYield: performance.now(),
  };
  let history: EpochMetrics[] = resume ? [...resume.history] : [];
  const progress: Progress = {
    best: resume?.best ?? null,
    epochsWithoutImprovement: resume?.epochsWithoutImprovement ?? 0,
  };
  let reason: TrainOutcome["reason"] = "completed";
  if (resume) {
    restoreModelWeights(model, resume.weights);
    await restoreOptimizer(optimizer, resume.optimizer);
  }
  try {
    for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= config.epochs; epoch++) {
      const totals = await trainEpoch(run, epoch);
      if (totals.stopped) reason = "stopped";
      // An epoch cut short is not reported: its figures would cover part of the data.
      if (totals.stopped && totals.trained < data.train.rows) break;
      const metrics = await epochMetricsOf(run, epoch, totals);
      history = [...history, metrics];
      const checkpoint = await checkpointEpoch(run, metrics, history, progress);
      metrics.numTensors = tf.memory().numTensors;
      callbacks.onEpoch?.(metrics, checkpoint);
      if (reason === "stopped") break;
      const { earlyStopping } = config;
      if (earlyStopping.enabled && progress.epochsWithoutImprovement >= earlyStopping.patience) {
        reason = "early-stopped";
        break;
      }
    }
  } finally {
    disposeTrainingRows(run.rows);
    optimizer.dispose();
  }
  return finishRun(model, config, reason, progress, history);
}
