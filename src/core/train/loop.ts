import * as tf from "@tensorflow/tfjs";
import { mulberry32, shuffleInPlace } from "../data/random";
import type { TrainConfig } from "./config";
import {
  createOptimizer,
  restoreModelWeights,
  restoreOptimizer,
  storeTrainingState,
} from "./state";
import { augmentBatch } from "../data/images/augment";
import { exampleShape, featureRange, gatherFeatures, isImageSplit, valuesOf } from "./batchSource";
import {
  batchesPerDeviceBlock,
  disposeBlock,
  gatherBlock,
  onGpuBackend,
  sliceRows,
  type BlockRows,
} from "./deviceBlocks";
import type {
  AnyTrainingData,
  BatchProgress,
  DataSplit,
  Checkpoint,
  EpochMetrics,
  TrainOutcome,
} from "./types";

const EPSILON = 1e-7;

/**
 * How often batch losses are read back from the device (ms): a few times a second. On a GPU each
 * read waits for the queue to drain, so there twice a second (the benchmark's MLP on WebGL lost
 * 12–15% to `fit` reading 5 times a second); elsewhere a read costs nothing.
 */
const readBackIntervalMs = () => (onGpuBackend() ? 500 : 200);

/** Internal settings of the loop; tests use them to exercise edge cases with small data. */
export interface LoopTuning {
  /** Rows per gathered block (rounded down to whole batches, at least one batch). */
  blockRows?: number;
}

export interface LoopCallbacks {
  onBatch?: (progress: BatchProgress) => void;
  /** Called after each epoch with its metrics and a checkpoint to resume from. */
  onEpoch?: (metrics: EpochMetrics, checkpoint: Checkpoint) => void;
  /** Polled between batches; true ends training after the current batch. */
  shouldStop?: () => boolean;
  /** Runs before each batch; tests use it to simulate a backend failing mid-run. */
  beforeBatch?: (epoch: number, batch: number) => void;
}

/** Per-class weights n / (classes × count) as scikit-learn's "balanced"; 1 for every class otherwise. */
export function classWeightsFor(data: AnyTrainingData, config: TrainConfig): number[] | null {
  if (data.task !== "classification" || config.classWeighting === "none") return null;
  const counts = new Array<number>(data.classCount).fill(0);
  for (const label of data.train.y) counts[label] = (counts[label] ?? 0) + 1;
  return counts.map((count) => (count > 0 ? data.train.rows / (data.classCount * count) : 0));
}

/** Lets messages (a stop request) through without the 4 ms clamp of nested timeouts. */
function yieldToEventLoop(): Promise<void> {
  if (typeof MessageChannel === "undefined")
    return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Per-example loss: cross-entropy against the class index, or squared error. Shape [batch]. */
export function perExampleLoss(
  task: AnyTrainingData["task"],
  predicted: tf.Tensor,
  labels: tf.Tensor,
  classCount: number,
) {
  if (task === "classification") {
    const oneHot = tf.oneHot(labels.toInt(), classCount);
    return tf.neg(
      tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(predicted, EPSILON, 1 - EPSILON))), -1),
    );
  }
  return tf.mean(tf.square(tf.sub(predicted, labels.reshape([-1, 1]))), -1);
}

/** Sum of the task metric over a batch: correct predictions, or absolute errors (standardised). */
function metricSum(
  task: AnyTrainingData["task"],
  predicted: tf.Tensor,
  labels: tf.Tensor,
): tf.Scalar {
  if (task === "classification")
    return tf.sum(tf.equal(tf.argMax(predicted, -1), labels.toInt()).toFloat());
  return tf.sum(tf.abs(tf.sub(predicted.reshape([-1]), labels)));
}

/** Loss and metric of a split in inference mode, in batches. */
export async function evaluateSplit(
  model: tf.LayersModel,
  data: AnyTrainingData,
  split: DataSplit,
  batchSize: number,
): Promise<{ loss: number; metric: number } | null> {
  if (split.rows === 0) return null;
  const values = valuesOf(split);
  const shape = exampleShape(data);
  // The sums stay on the device, read back once at the end (each read waits for a GPU).
  let sums: tf.Tensor1D = tf.zeros([2]);
  for (let start = 0; start < split.rows; start += batchSize) {
    const end = Math.min(split.rows, start + batchSize);
    const next = tf.tidy(() => {
      const x = tf.tensor(featureRange(values, start, end, data.featureCount), [
        end - start,
        ...shape,
      ]);
      const y = tf.tensor1d(split.y.subarray(start, end));
      const predicted = model.predict(x) as tf.Tensor;
      const batch = tf.stack([
        tf.sum(perExampleLoss(data.task, predicted, y, data.classCount)),
        metricSum(data.task, predicted, y),
      ]);
      return tf.add(sums, batch) as tf.Tensor1D;
    });
    sums.dispose();
    sums = next;
  }
  const [lossSum = 0, metricTotal = 0] = await sums.data();
  sums.dispose();
  const scale = data.task === "regression" ? data.targetScale : 1;
  return { loss: lossSum / split.rows, metric: (metricTotal / split.rows) * scale };
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
  const { train } = data;
  const weights = classWeightsFor(data, config);
  // Tables go to the backend whole; images stay bytes and become floats one batch at a time.
  const imagePixels = isImageSplit(train) ? train.pixels : null;
  const shape = exampleShape(data);
  const xAll = isImageSplit(train) ? null : tf.tensor2d(train.x, [train.rows, data.featureCount]);
  const yAll = tf.tensor1d(train.y);
  const weightAll = weights
    ? tf.tensor1d(Array.from(train.y, (label) => weights[label] ?? 1))
    : null;
  const batches = Math.max(1, Math.ceil(train.rows / config.batchSize));
  const batchesPerBlock = batchesPerDeviceBlock(
    config.batchSize,
    data.featureCount,
    tuning.blockRows,
  );
  // Only the model's own weights are trained (minimize otherwise takes every trainable variable).
  const trainable = model.trainableWeights.map((weight) => weight.read() as tf.Variable);

  let history: EpochMetrics[] = resume ? [...resume.history] : [];
  let best = resume?.best ?? null;
  let epochsWithoutImprovement = resume?.epochsWithoutImprovement ?? 0;
  let reason: TrainOutcome["reason"] = "completed";
  if (resume) {
    restoreModelWeights(model, resume.weights);
    await restoreOptimizer(optimizer, resume.optimizer);
  }

  // Across epochs, not per epoch: many short epochs must still let a stop request through.
  let lastYield = performance.now();
  const readBackInterval = readBackIntervalMs();
  // Batch losses stay on the device until read back as a group, and the metric is summed there:
  // on a GPU every read drains the queue, so the loop reads a few times a second, not per batch.
  let pending: Array<{ loss: tf.Scalar; size: number; batch: number }> = [];
  let metricTotalOnDevice: tf.Scalar | null = null;
  // The layers' weight penalties (L1/L2), summed over the epoch's rows on the device like the
  // metric: the batch loss includes them, the validation loss does not, so the curves compare the
  // training loss without them (EpochMetrics.penalty).
  let penaltyTotalOnDevice: tf.Scalar | null = null;
  const addOnDevice = (total: tf.Scalar | null, value: tf.Scalar): tf.Scalar => {
    const sum: tf.Scalar = total ? tf.add(total, value) : tf.keep(tf.clone(value));
    tf.dispose([total, value].filter((t): t is tf.Scalar => t !== null));
    return tf.keep(sum);
  };
  try {
    for (let epoch = (resume?.epoch ?? 0) + 1; epoch <= config.epochs; epoch++) {
      const started = performance.now();
      const order = shuffleInPlace(
        Array.from({ length: train.rows }, (_, i) => i),
        mulberry32(config.seed * 1000003 + epoch),
      );
      const augmentRng = mulberry32(config.seed * 7919 + epoch);
      let lossSum = 0;
      let seen = 0;
      let lastRead = performance.now();
      /** Checks a group of batch losses read back from the device and reports each batch. */
      const report = (group: typeof pending, values: ArrayLike<number>) => {
        const elapsed = (performance.now() - started) / 1000;
        group.forEach(({ size, batch }, i) => {
          const batchLoss = values[i] ?? NaN;
          if (!Number.isFinite(batchLoss)) {
            throw new TrainingDivergedError(
              `The loss became ${String(batchLoss)} in epoch ${epoch}. Lower the learning rate and train again.`,
            );
          }
          lossSum += batchLoss * size;
          seen += size;
          callbacks.onBatch?.({
            epoch,
            batch: batch + 1,
            batches,
            loss: batchLoss,
            samplesPerSecond: elapsed > 0 ? seen / elapsed : 0,
          });
        });
      };
      // One read in flight at a time, not awaited where it starts: the loop goes on queueing batches
      // while the device answers (awaiting at once would drain a GPU's queue and leave it idle), and
      // the next read (or the epoch's end) takes its answer, in order.
      let inFlight: Promise<void> | null = null;
      let readFailure: unknown = null;
      /** Takes the read in flight, then starts reading the pending losses in one go. */
      const readPending = async (wait = false) => {
        if (inFlight) await inFlight;
        inFlight = null;
        if (readFailure) throw readFailure;
        lastRead = performance.now();
        if (pending.length === 0) return;
        const group = pending;
        pending = [];
        const stacked = tf.stack(group.map((p) => p.loss));
        tf.dispose(group.map((p) => p.loss));
        inFlight = stacked
          .data()
          .then((values) => report(group, values))
          .catch((error: unknown) => {
            readFailure = error;
          })
          .finally(() => stacked.dispose());
        if (wait) await readPending();
      };
      let trained = 0;
      /** The current block's rows in shuffled order, on the device, from row `first` of `order`. */
      let block: BlockRows | null = null;
      try {
        for (let batch = 0; batch < batches; batch++) {
          callbacks.beforeBatch?.(epoch, batch);
          const start = batch * config.batchSize;
          const size = Math.min(config.batchSize, train.rows - start);
          let imageBatch: Float32Array | null = null;
          if (imagePixels) {
            imageBatch = gatherFeatures(
              imagePixels,
              order.slice(start, start + size),
              data.featureCount,
            );
            if (data.augmentation && shape.length === 3) {
              const [side = 0, , channels = 1] = shape;
              augmentBatch(imageBatch, size, side, channels, data.augmentation, augmentRng);
            }
          }
          if (!block || batch % batchesPerBlock === 0) {
            disposeBlock(block);
            const end = Math.min(train.rows, start + batchesPerBlock * config.batchSize);
            block = gatherBlock(order, start, end, xAll, yAll, weightAll);
          }
          const rows = block;
          let batchMetric: tf.Scalar | null = null;
          let batchPenalty: tf.Scalar | null = null;
          const offset = start - rows.first;
          const loss = tf.tidy(() => {
            const x = rows.x
              ? sliceRows(rows.x, offset, size)
              : tf.tensor(imageBatch ?? [], [size, ...shape]);
            const y = sliceRows(rows.y, offset, size);
            const w = rows.w ? sliceRows(rows.w, offset, size) : null;
            return optimizer.minimize(
              () => {
                const predicted = model.apply(x, { training: true }) as tf.Tensor;
                batchMetric = tf.keep(metricSum(data.task, predicted, y));
                const perExample = perExampleLoss(data.task, predicted, y, data.classCount);
                let total: tf.Scalar = tf.mean(w ? tf.mul(perExample, w) : perExample);
                const penalties = model.calculateLosses();
                if (penalties.length > 0) {
                  const penalty = tf.addN(penalties) as tf.Scalar;
                  batchPenalty = tf.keep(tf.mul(penalty, size) as tf.Scalar);
                  total = tf.add(total, penalty);
                }
                return total;
              },
              true,
              trainable,
            ) as tf.Scalar;
          });
          pending.push({ loss, size, batch });
          trained += size;
          if (batchMetric) metricTotalOnDevice = addOnDevice(metricTotalOnDevice, batchMetric);
          if (batchPenalty) penaltyTotalOnDevice = addOnDevice(penaltyTotalOnDevice, batchPenalty);
          if (performance.now() - lastRead >= readBackInterval) await readPending();
          if (performance.now() - lastYield > 30) {
            await yieldToEventLoop();
            lastYield = performance.now();
          }
          if (callbacks.shouldStop?.()) {
            reason = "stopped";
            break;
          }
        }
      } finally {
        disposeBlock(block);
      }
      await readPending(true);
      const metricTotal = metricTotalOnDevice
        ? ((await (metricTotalOnDevice as tf.Scalar).data())[0] ?? 0)
        : 0;
      if (metricTotalOnDevice) tf.dispose(metricTotalOnDevice as tf.Scalar);
      metricTotalOnDevice = null;
      const penaltyTotal = penaltyTotalOnDevice
        ? ((await (penaltyTotalOnDevice as tf.Scalar).data())[0] ?? 0)
        : null;
      if (penaltyTotalOnDevice) tf.dispose(penaltyTotalOnDevice as tf.Scalar);
      penaltyTotalOnDevice = null;
      if (reason === "stopped" && trained < train.rows) break;

      const validation = await evaluateSplit(model, data, data.validation, 256);
      const scale = data.task === "regression" ? data.targetScale : 1;
      const metrics: EpochMetrics = {
        epoch,
        loss: lossSum / seen,
        metric: (metricTotal / seen) * scale,
        valLoss: validation?.loss ?? null,
        valMetric: validation?.metric ?? null,
        numTensors: 0,
        seconds: (performance.now() - started) / 1000,
        ...(penaltyTotal !== null ? { penalty: penaltyTotal / seen } : {}),
      };
      history = [...history, metrics];
      const monitored = metrics.valLoss ?? metrics.loss;
      // One readback for the epoch's weights and optimizer state; the best epoch shares them.
      const saved = await storeTrainingState(model, optimizer);
      if (!best || monitored < best.monitored) {
        best = { epoch, monitored, weights: saved.weights };
        epochsWithoutImprovement = 0;
      } else {
        epochsWithoutImprovement++;
      }
      metrics.numTensors = tf.memory().numTensors;
      const checkpoint: Checkpoint = {
        epoch,
        weights: saved.weights,
        optimizer: saved.optimizer,
        best,
        epochsWithoutImprovement,
        history,
      };
      callbacks.onEpoch?.(metrics, checkpoint);
      if (reason === "stopped") break;
      if (
        config.earlyStopping.enabled &&
        epochsWithoutImprovement >= config.earlyStopping.patience
      ) {
        reason = "early-stopped";
        break;
      }
    }
  } finally {
    tf.dispose([...(xAll ? [xAll] : []), yAll, ...(weightAll ? [weightAll] : [])]);
    tf.dispose([
      ...pending.map((p) => p.loss),
      ...(metricTotalOnDevice ? [metricTotalOnDevice] : []),
      ...(penaltyTotalOnDevice ? [penaltyTotalOnDevice] : []),
    ]);
    optimizer.dispose();
  }

  const lastEpoch = history[history.length - 1]?.epoch ?? 0;
  const useBest = best !== null && (reason !== "completed" || config.earlyStopping.restoreBest);
  if (useBest && best) restoreModelWeights(model, best.weights);
  return { reason, bestEpoch: useBest && best ? best.epoch : lastEpoch, history };
}

/** Training produced NaN or infinite losses; the message says what to change. */
export class TrainingDivergedError extends Error {
  override readonly name = "TrainingDivergedError";
}
