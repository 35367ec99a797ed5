import type * as tf from "@tensorflow/tfjs";
import { isHeapBackend } from "./wasmHeap";

/*
 * tf.js 4.22's wasm Identity copies its input: a training step of the benchmark's CNN runs it 40
 * times, several on whole activations (3 MB each). (A one-pass Sum over leading axes in JavaScript
 * was tried too, for the bias gradients: no faster than tf.js's transpose and sum in wasm.)
 */

type TensorInfo = tf.TensorInfo;

/**
 * Identity as the cpu backend does it: the same data under one more reference. Tensors are never
 * written in place, so sharing is safe, as tf.js's own Reshape already shares.
 */
export function identityFor(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend } = args;
    const { x } = inputs as { x: TensorInfo };
    if (x.dtype === "string" || !isHeapBackend(backend)) return original(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
  };
}
