import * as tf from "@tensorflow/tfjs";
import { isHeapBackend } from "./wasmHeap";

/*
 * Two wasm kernels that tf.js 4.22 does with a copy it need not make: Identity copies its input
 * (a training step of a small CNN runs it 40 times, several on whole activations), and Sum over
 * the leading axes (every bias gradient: all but the channel axis of NHWC) transposes its input
 * first so that the axes it sums are innermost.
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

/** The number of leading axes `axis` names (0, 1, …, k − 1 in any order), or 0 if it names others. */
function leadingAxes(axis: number | number[], rank: number): number {
  const axes = (Array.isArray(axis) ? axis : [axis]).map((a) => (a < 0 ? a + rank : a));
  const unique = new Set(axes);
  if (unique.size !== axes.length || unique.size >= rank) return 0;
  for (let a = 0; a < unique.size; a++) if (!unique.has(a)) return 0;
  return unique.size;
}

/**
 * Sum of float32 x over its leading axes as one pass down the rows (x seen as [rows, columns]),
 * accumulated in double precision like the cpu backend's sum; other sums take the original.
 */
export function sumFor(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs as { x: TensorInfo };
    const { axis, keepDims } = attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const leading = leadingAxes(axis, x.shape.length);
    if (x.dtype !== "float32" || leading === 0 || !isHeapBackend(backend)) return original(args);
    const kept = x.shape.slice(leading);
    const rows = x.shape.slice(0, leading).reduce((a, b) => a * b, 1);
    const columns = kept.reduce((a, b) => a * b, 1);
    const out = backend.makeOutput(kept, "float32");
    const values = backend.typedArrayFromHeap(x) as Float32Array;
    const totals = new Float64Array(columns);
    for (let r = 0, at = 0; r < rows; r++)
      for (let c = 0; c < columns; c++, at++) totals[c] = totals[c]! + values[at]!;
    (backend.typedArrayFromHeap(out) as Float32Array).set(totals);
    if (keepDims) out.shape = [...x.shape.slice(0, leading).map(() => 1), ...kept];
    return out;
  };
}
