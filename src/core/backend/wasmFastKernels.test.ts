import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../data/random";
import { registerWasmTrainingKernels, wrappedByStudio } from "./wasmFastKernels";

// The wasm backend runs in Node too; each case is computed on cpu (tf.js's reference kernels) and
// on wasm with the studio's kernels, and compared.
beforeAll(async () => {
  registerWasmTrainingKernels();
  registerWasmTrainingKernels(); // twice: wraps once
  expect(await tf.setBackend("wasm")).toBe(true);
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

function randomValues(size: number, seed: number, levels = 0): Float32Array {
  const rng = mulberry32(seed);
  // With `levels`, values on a coarse grid, so that pooling windows hold ties.
  return Float32Array.from({ length: size }, () => {
    const v = rng() * 2 - 1;
    return levels > 0 ? Math.round(v * levels) / levels : v;
  });
}
const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** `f` on both backends, with the same inputs; its outputs as arrays, and wasm's data ids leaked. */
async function onBoth(f: () => tf.Tensor[]) {
  const results: Float32Array[][] = [];
  let leaked = 0;
  for (const backend of ["cpu", "wasm"]) {
    await tf.setBackend(backend);
    const ids = tf.engine().backend.numDataIds();
    const outputs = tf.tidy(f);
    results.push(outputs.map((t) => Float32Array.from(t.dataSync())));
    tf.dispose(outputs);
    if (backend === "wasm") leaked = tf.engine().backend.numDataIds() - ids;
  }
  return { cpu: results[0]!, wasm: results[1]!, leaked };
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a).toHaveLength(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0);
}

describe("the studio's wasm kernels", () => {
  it("wrap tf.js's own BatchMatMul, Conv2DBackpropInput, MaxPoolGrad and Identity", () => {
    for (const name of ["BatchMatMul", "Conv2DBackpropInput", "MaxPoolGrad", "Identity"]) {
      expect(wrappedByStudio(name), name).toBe(true);
    }
    // The original's setup (which binds its wasm calls) is kept.
    for (const name of ["BatchMatMul", "Conv2DBackpropInput", "MaxPoolGrad"])
      expect(tf.getKernel(name, "wasm")?.setupFunc, name).toBeDefined();
  });

  it.each([
    { a: [5, 7], b: [6, 7], transposeA: false, transposeB: true },
    { a: [7, 5], b: [7, 6], transposeA: true, transposeB: false },
    { a: [7, 5], b: [6, 7], transposeA: true, transposeB: true },
    { a: [3, 4, 9], b: [3, 8, 9], transposeA: false, transposeB: true },
    { a: [3, 9, 4], b: [3, 9, 8], transposeA: true, transposeB: false },
    { a: [64, 1568], b: [64, 1568], transposeA: false, transposeB: true },
  ])(
    "matMul $a · $b (transposeA $transposeA, transposeB $transposeB) equals cpu within 1e-4",
    async ({ a, b, transposeA, transposeB }) => {
      const { cpu, wasm, leaked } = await onBoth(() => [
        tf.matMul(
          tf.tensor(randomValues(size(a), 1), a),
          tf.tensor(randomValues(size(b), 2), b),
          transposeA,
          transposeB,
        ),
      ]);
      expect(maxDifference(wasm[0]!, cpu[0]!)).toBeLessThan(1e-4);
      expect(Math.max(...Array.from(cpu[0]!, Math.abs))).toBeGreaterThan(0.5);
      expect(leaked).toBe(0);
    },
  );

  it.each([
    { input: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "same" as const },
    { input: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "valid" as const },
    { input: [1, 10, 11, 3], filter: [4, 2, 3, 2], strides: 1, pad: "same" as const },
    { input: [1, 10, 11, 3], filter: [4, 2, 3, 2], strides: 1, pad: "valid" as const },
    { input: [2, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: "same" as const },
    { input: [4, 14, 14, 16], filter: [3, 3, 16, 32], strides: 1, pad: "same" as const },
  ])(
    "the input gradient of conv2d $input * $filter, stride $strides, $pad, equals cpu within 1e-4",
    async ({ input, filter, strides, pad }) => {
      const { cpu, wasm, leaked } = await onBoth(() => {
        const x = tf.tensor4d(
          randomValues(size(input), 3),
          input as [number, number, number, number],
        );
        const w = tf.tensor4d(
          randomValues(size(filter), 4),
          filter as [number, number, number, number],
        );
        const out = tf.conv2d(x, w, strides, pad);
        const upstream = tf.tensor(randomValues(size(out.shape), 5), out.shape);
        return [
          tf.grad((v) => tf.sum(tf.mul(tf.conv2d(v as tf.Tensor4D, w, strides, pad), upstream)))(x),
        ];
      });
      expect(maxDifference(wasm[0]!, cpu[0]!)).toBeLessThan(1e-4);
      expect(Math.max(...Array.from(cpu[0]!, Math.abs))).toBeGreaterThan(0.5);
      expect(leaked).toBe(0);
    },
  );

  it.each([
    { input: [2, 8, 8, 3], pool: 2, strides: 2, pad: "valid" as const },
    { input: [2, 9, 7, 3], pool: 2, strides: 2, pad: "valid" as const },
    { input: [2, 9, 7, 3], pool: 2, strides: 2, pad: "same" as const },
    { input: [1, 9, 9, 4], pool: 3, strides: 2, pad: "same" as const },
    { input: [1, 6, 6, 2], pool: 3, strides: 1, pad: "same" as const },
    { input: [8, 28, 28, 16], pool: 2, strides: 2, pad: "valid" as const },
    { input: [2, 8, 6, 5], pool: 2, strides: 2, pad: "same" as const },
    { input: [3, 14, 14, 32], pool: 2, strides: 2, pad: "valid" as const },
  ])(
    "the gradient of maxPool $pool/$strides $pad on $input, ties included, equals cpu",
    async ({ input, pool, strides, pad }) => {
      const { cpu, wasm, leaked } = await onBoth(() => {
        // Coarse values after a ReLU: many windows hold equal maxima (zeros and grid values).
        const x = tf.relu(
          tf.tensor4d(randomValues(size(input), 6, 4), input as [number, number, number, number]),
        );
        const out = tf.maxPool(x as tf.Tensor4D, pool, strides, pad);
        const upstream = tf.tensor(randomValues(size(out.shape), 7), out.shape);
        return [
          tf.grad((v) =>
            tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, pool, strides, pad), upstream)),
          )(x as tf.Tensor4D),
        ];
      });
      expect(maxDifference(wasm[0]!, cpu[0]!)).toBeLessThan(1e-6);
      expect(cpu[0]!.some((v) => v !== 0)).toBe(true);
      expect(leaked).toBe(0);
    },
  );

  it("makes an identity that shares the data, and each side outlives the other", async () => {
    await tf.setBackend("wasm");
    const ids = tf.engine().backend.numDataIds();
    const x = tf.tensor2d(randomValues(12, 9), [3, 4]);
    const copy = tf.clone(x);
    expect(copy.dataId).toBe(x.dataId);
    expect(tf.engine().backend.numDataIds()).toBe(ids + 1);
    const values = Array.from(x.dataSync());
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual(values);
    copy.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(ids);
  });
});
