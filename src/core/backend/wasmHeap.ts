import type * as tf from "@tensorflow/tfjs";

/** What a kernel needs of the wasm backend to work on its memory directly. */
export interface HeapBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): tf.backend_util.TypedArray;
  incRef(dataId: tf.DataId): void;
  disposeData(dataId: tf.DataId): boolean;
}

export const isHeapBackend = (backend: unknown): backend is HeapBackend =>
  typeof (backend as Partial<HeapBackend>).makeOutput === "function" &&
  typeof (backend as Partial<HeapBackend>).typedArrayFromHeap === "function" &&
  typeof (backend as Partial<HeapBackend>).incRef === "function";

/** `info`'s data seen with another shape of the same size (no copy, no new reference). */
export const viewAs = (info: tf.TensorInfo, shape: number[]): tf.TensorInfo => ({
  dataId: info.dataId,
  shape,
  dtype: info.dtype,
});
