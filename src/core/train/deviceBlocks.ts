import * as tf from "@tensorflow/tfjs";

/*
 * Table rows on the device, a block at a time: on a GPU each epoch's shuffled rows are gathered into
 * a block of many batches with one index upload, and each batch is a contiguous slice of its block
 * (zero-copy on WebGL), where `fit` uploads indices and gathers once per batch. On the CPU backends
 * a block is one batch: an upload costs nothing there, and wasm's slice copies its whole input.
 */

/** Floats of table rows gathered at a time (4 MB): a block bounds the extra copy on the device. */
const BLOCK_FLOATS = 1 << 20;

/** Backends whose tensors live on a GPU, where each upload and readback has a real cost. */
const GPU_BACKENDS = new Set(["webgl", "webgpu"]);

/** True when the active backend keeps tensors on a GPU (reads and uploads cost there). */
export const onGpuBackend = (): boolean => GPU_BACKENDS.has(tf.getBackend());

/**
 * Whole batches per block: `blockRows` rows when given; on a GPU backend BLOCK_FLOATS floats'
 * worth; one batch otherwise. At least one.
 */
export function batchesPerDeviceBlock(
  batchSize: number,
  featureCount: number,
  blockRows = onGpuBackend() ? BLOCK_FLOATS / Math.max(1, featureCount) : 1,
): number {
  return Math.max(1, Math.floor(blockRows / batchSize));
}

/** Rows `first`.. of an epoch's shuffled order, gathered on the device (x is null for images). */
export interface BlockRows {
  first: number;
  x: tf.Tensor | null;
  y: tf.Tensor;
  w: tf.Tensor | null;
}

/**
 * Rows order[first..end) of the stored tensors, in that order: x [end − first, features] (null for
 * images, whose batches are made on the CPU), y [end − first], per-example weights [end − first].
 */
export function gatherBlock(
  order: number[],
  first: number,
  end: number,
  xAll: tf.Tensor | null,
  yAll: tf.Tensor,
  weightAll: tf.Tensor | null,
): BlockRows {
  const idx = tf.tensor1d(Int32Array.from(order.slice(first, end)), "int32");
  const block = {
    first,
    x: xAll ? tf.gather(xAll, idx) : null,
    y: tf.gather(yAll, idx),
    w: weightAll ? tf.gather(weightAll, idx) : null,
  };
  idx.dispose();
  return block;
}

export function disposeBlock(block: BlockRows | null): void {
  if (block) tf.dispose([block.y, ...(block.x ? [block.x] : []), ...(block.w ? [block.w] : [])]);
}

/** Rows offset..offset+size−1 of a block's tensor; the tensor itself when that is all of it. */
export function sliceRows(tensor: tf.Tensor, offset: number, size: number): tf.Tensor {
  if (offset === 0 && size === tensor.shape[0]) return tensor;
  return tensor.rank === 1
    ? tf.slice(tensor, [offset], [size])
    : tf.slice(tensor, [offset, 0], [size, -1]);
}
