import * as tf from "@tensorflow/tfjs";
import { augmentBatch } from "../data/images/augment";
import { mulberry32, shuffleInPlace } from "../data/random";
import { gatherFeatures, isImageSplit } from "./batchSource";
import type { TrainConfig } from "./config";
import { disposeBlock, gatherBlock, onGpuBackend, sliceRows, type BlockRows } from "./deviceBlocks";
import { metricSum, perExampleLoss } from "./losses";
import type { AnyTrainingData, BatchProgress, Checkpoint, EpochMetrics } from "./types";

/*
 * One epoch of the training loop (loop.ts), in named steps: shuffle, then per batch make the
 * batch's rows, take one optimizer step, and read the batch losses back a few at a time.
 */

export interface LoopCallbacks {
  onBatch?: (progress: BatchProgress) => void;
  /** Called after each epoch with its metrics and a checkpoint to resume from. */
  onEpoch?: (metrics: EpochMetrics, checkpoint: Checkpoint) => void;
  /** Polled between batches; true ends training after the current batch. */
  shouldStop?: () => boolean;
  /** Runs before each batch; tests use it to simulate a backend failing mid-run. */
  beforeBatch?: (epoch: number, batch: number) => void;
}

/** Training produced NaN or infinite losses; the message says what to change. */
export class TrainingDivergedError extends Error {
  override readonly name = "TrainingDivergedError";
}

/**
 * The training split as the loop reads it. Tables go to the backend whole (x [rows, features]);
 * images stay bytes (`pixels`) and become floats one batch at a time. `w`: per-example class
 * weights [rows], or null.
 */
export interface TrainingRows {
  x: tf.Tensor2D | null;
  y: tf.Tensor1D;
  w: tf.Tensor1D | null;
  pixels: Uint8Array | null;
}

export function trainingRowsOf(data: AnyTrainingData, classWeights: number[] | null): TrainingRows {
  const { train } = data;
  return {
    pixels: isImageSplit(train) ? train.pixels : null,
    x: isImageSplit(train) ? null : tf.tensor2d(train.x, [train.rows, data.featureCount]),
    y: tf.tensor1d(train.y),
    w: classWeights ? tf.tensor1d(Array.from(train.y, (label) => classWeights[label] ?? 1)) : null,
  };
}

export function disposeTrainingRows(rows: TrainingRows): void {
  tf.dispose([...(rows.x ? [rows.x] : []), rows.y, ...(rows.w ? [rows.w] : [])]);
}

/** What every epoch of a run shares. */
export interface EpochRun {
  model: tf.LayersModel;
  data: AnyTrainingData;
  config: TrainConfig;
  callbacks: LoopCallbacks;
  optimizer: tf.Optimizer;
  rows: TrainingRows;
  /** The model's own trainable weights (minimize otherwise takes every trainable variable). */
  trainable: tf.Variable[];
  /** One example's shape, e.g. [28, 28, 1] or [features]. */
  shape: number[];
  batches: number;
  /** Batches gathered on the device at once (see deviceBlocks.ts). */
  batchesPerBlock: number;
  /**
   * When the loop last let messages through. Across epochs, not per epoch: many short epochs must
   * still let a stop request through.
   */
  lastYield: number;
}

/** An epoch's sums over the rows it trained (`seen`), and whether a stop cut it short. */
export interface EpochTotals {
  started: number;
  lossSum: number;
  seen: number;
  metricTotal: number;
  /** The layers' weight penalties summed over the rows; null when the model has none. */
  penaltyTotal: number | null;
  trained: number;
  stopped: boolean;
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

/**
 * How often batch losses are read back from the device (ms): a few times a second. On a GPU each
 * read waits for the queue to drain, so there twice a second (the benchmark's MLP on WebGL lost
 * 12–15% to `fit` reading 5 times a second); elsewhere a read costs nothing.
 */
const readBackIntervalMs = () => (onGpuBackend() ? 500 : 200);

/**
 * Batch losses stay on the device until read back as a group: on a GPU every read drains the queue,
 * so the loop reads a few times a second, not per batch. One read is in flight at a time, not
 * awaited where it starts: the loop goes on queueing batches while the device answers (awaiting at
 * once would drain a GPU's queue and leave it idle), and the next read (or the epoch's end) takes
 * its answer, in order. Each batch is checked (a NaN loss throws TrainingDivergedError) and reported.
 */
class BatchLosses {
  lossSum = 0;
  seen = 0;
  private pending: Array<{ loss: tf.Scalar; size: number; batch: number }> = [];
  private inFlight: Promise<void> | null = null;
  private failure: unknown = null;
  private lastRead = performance.now();
  private readonly interval = readBackIntervalMs();

  constructor(
    private readonly epoch: number,
    private readonly batches: number,
    private readonly started: number,
    private readonly onBatch?: (progress: BatchProgress) => void,
  ) {}

  add(loss: tf.Scalar, size: number, batch: number): void {
    this.pending.push({ loss, size, batch });
  }

  get readDue(): boolean {
    return performance.now() - this.lastRead >= this.interval;
  }

  /** Takes the read in flight, then starts reading the pending losses in one go. */
  async read(wait = false): Promise<void> {
    if (this.inFlight) await this.inFlight;
    this.inFlight = null;
    if (this.failure) throw this.failure;
    this.lastRead = performance.now();
    if (this.pending.length === 0) return;
    const group = this.pending;
    this.pending = [];
    const stacked = tf.stack(group.map((p) => p.loss));
    tf.dispose(group.map((p) => p.loss));
    this.inFlight = stacked
      .data()
      .then((values) => this.report(group, values))
      .catch((error: unknown) => {
        this.failure = error;
      })
      .finally(() => stacked.dispose());
    if (wait) await this.read();
  }

  /** Losses not read back (a failed epoch). */
  dispose(): void {
    tf.dispose(this.pending.map((p) => p.loss));
    this.pending = [];
  }

  private report(group: Array<{ size: number; batch: number }>, values: ArrayLike<number>) {
    const elapsed = (performance.now() - this.started) / 1000;
    group.forEach(({ size, batch }, i) => {
      const batchLoss = values[i] ?? NaN;
      if (!Number.isFinite(batchLoss)) {
        throw new TrainingDivergedError(
          `The loss became ${String(batchLoss)} in epoch ${this.epoch}. Lower the learning rate and train again.`,
        );
      }
      this.lossSum += batchLoss * size;
      this.seen += size;
      this.onBatch?.({
        epoch: this.epoch,
        batch: batch + 1,
        batches: this.batches,
        loss: batchLoss,
        samplesPerSecond: elapsed > 0 ? this.seen / elapsed : 0,
      });
    });
  }
}

/** A sum kept on the device over an epoch's batches, read back once at its end. */
class DeviceSum {
  private total: tf.Scalar | null = null;

  add(value: tf.Scalar | null): void {
    if (!value) return;
    const sum: tf.Scalar = this.total ? tf.add(this.total, value) : tf.keep(tf.clone(value));
    tf.dispose([this.total, value].filter((t): t is tf.Scalar => t !== null));
    this.total = tf.keep(sum);
  }

  /** The sum, or null when nothing was added. */
  async read(): Promise<number | null> {
    if (!this.total) return null;
    const value = (await this.total.data())[0] ?? 0;
    this.dispose();
    return value;
  }

  dispose(): void {
    if (this.total) tf.dispose(this.total);
    this.total = null;
  }
}

/** Images: the batch's pictures as floats, augmented when the run asks for it; null for tables. */
function imageBatchOf(
  run: EpochRun,
  order: number[],
  start: number,
  size: number,
  augmentRng: () => number,
): Float32Array | null {
  if (!run.rows.pixels) return null;
  const batch = gatherFeatures(
    run.rows.pixels,
    order.slice(start, start + size),
    run.data.featureCount,
  );
  if (run.data.augmentation && run.shape.length === 3) {
    const [side = 0, , channels = 1] = run.shape;
    augmentBatch(batch, size, side, channels, run.data.augmentation, augmentRng);
  }
  return batch;
}

/**
 * One optimizer step on rows offset..offset+size of the block (or on `imageBatch`). Returns the
 * batch loss (with the weight penalties), and kept on the device: the batch's metric sum and its
 * penalty × size (the validation loss has no penalty, so the curves compare without it).
 */
function trainBatch(
  run: EpochRun,
  block: BlockRows,
  offset: number,
  size: number,
  imageBatch: Float32Array | null,
): { loss: tf.Scalar; metric: tf.Scalar | null; penalty: tf.Scalar | null } {
  const { model, data } = run;
  const kept: { metric: tf.Scalar | null; penalty: tf.Scalar | null } = {
    metric: null,
    penalty: null,
  };
  const loss = tf.tidy(() => {
    const x = block.x
      ? sliceRows(block.x, offset, size)
      : tf.tensor(imageBatch ?? [], [size, ...run.shape]);
    const y = sliceRows(block.y, offset, size);
    const w = block.w ? sliceRows(block.w, offset, size) : null;
    return run.optimizer.minimize(
      () => {
        const predicted = model.apply(x, { training: true }) as tf.Tensor;
        kept.metric = tf.keep(metricSum(data.task, predicted, y));
        const perExample = perExampleLoss(data.task, predicted, y, data.classCount);
        let total: tf.Scalar = tf.mean(w ? tf.mul(perExample, w) : perExample);
        const penalties = model.calculateLosses();
        if (penalties.length > 0) {
          const penalty = tf.addN(penalties) as tf.Scalar;
          kept.penalty = tf.keep(tf.mul(penalty, size) as tf.Scalar);
          total = tf.add(total, penalty);
        }
        return total;
      },
      true,
      run.trainable,
    ) as tf.Scalar;
  });
  return { loss, ...kept };
}

/**
 * Trains one epoch: the rows in an order shuffled with the seed, a batch at a time, gathered on the
 * device a block of batches at a time; stops after the batch in progress when asked to.
 */
export async function trainEpoch(run: EpochRun, epoch: number): Promise<EpochTotals> {
  const { data, config, callbacks } = run;
  const rowCount = data.train.rows;
  const started = performance.now();
  const order = shuffleInPlace(
    Array.from({ length: rowCount }, (_, i) => i),
    mulberry32(config.seed * 1000003 + epoch),
  );
  const augmentRng = mulberry32(config.seed * 7919 + epoch);
  const losses = new BatchLosses(epoch, run.batches, started, callbacks.onBatch);
  const metricSums = new DeviceSum();
  const penaltySums = new DeviceSum();
  let trained = 0;
  let stopped = false;
  try {
    /** The current block's rows in shuffled order, on the device, from row `first` of `order`. */
    let block: BlockRows | null = null;
    try {
      for (let batch = 0; batch < run.batches; batch++) {
        callbacks.beforeBatch?.(epoch, batch);
        const start = batch * config.batchSize;
        const size = Math.min(config.batchSize, rowCount - start);
        const imageBatch = imageBatchOf(run, order, start, size, augmentRng);
        if (!block || batch % run.batchesPerBlock === 0) {
          disposeBlock(block);
          const end = Math.min(rowCount, start + run.batchesPerBlock * config.batchSize);
          block = gatherBlock(order, start, end, run.rows.x, run.rows.y, run.rows.w);
        }
        const step = trainBatch(run, block, start - block.first, size, imageBatch);
        losses.add(step.loss, size, batch);
        trained += size;
        metricSums.add(step.metric);
        penaltySums.add(step.penalty);
        if (losses.readDue) await losses.read();
        if (performance.now() - run.lastYield > 30) {
          await yieldToEventLoop();
          run.lastYield = performance.now();
        }
        if (callbacks.shouldStop?.()) {
          stopped = true;
          break;
        }
      }
    } finally {
      disposeBlock(block);
    }
    await losses.read(true);
    const metricTotal = (await metricSums.read()) ?? 0;
    const penaltyTotal = await penaltySums.read();
    const { lossSum, seen } = losses;
    return { started, lossSum, seen, metricTotal, penaltyTotal, trained, stopped };
  } finally {
    // Left on the device only when the epoch failed.
    losses.dispose();
    metricSums.dispose();
    penaltySums.dispose();
  }
}
