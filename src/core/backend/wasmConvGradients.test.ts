import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../data/random";
import { registerWasmConvGradients } from "./wasmConvGradients";

// tf.js 4.22's wasm backend ships the input gradient but not the filter gradient. Read from the
// package's kernel files: unit tests share loaded modules, so another test file may already have
// registered the studio's kernel by the time this one loads.
const wasmKernels = join(
  dirname(createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm")),
  "kernels",
);
const ships = (kernel: string) => existsSync(join(wasmKernels, `${kernel}.js`));

// The wasm backend runs in Node too (it loads its .wasm from the package's dist folder).
beforeAll(async () => {
  registerWasmConvGradients();
  expect(await tf.setBackend("wasm")).toBe(true);
});
afterAll(async () => {
  await tf.setBackend("cpu");
});

function randomValues(size: number, seed: number): Float32Array {
  const rng = mulberry32(seed);
  return Float32Array.from({ length: size }, () => rng() * 2 - 1);
}

interface Case {
  input: [number, number, number, number];
  filter: [number, number, number, number];
  strides: number;
  pad: "same" | "valid";
  /** tf.js itself refuses gradients of dilated convolutions, so no case here has one. */
  dilation?: number;
  /** Scales x and the upstream gradient (default 1). */
  scale?: number;
}

/** Gradients of sum(conv2d(x, w) · upstream) with respect to w and x on one backend. */
async function gradients(backend: string, c: Case) {
  await tf.setBackend(backend);
  const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);
  return tf.tidy(() => {
    const x = tf.mul(
      tf.tensor4d(randomValues(size(c.input), 1), c.input),
      c.scale ?? 1,
    ) as tf.Tensor4D;
    const w = tf.tensor4d(randomValues(size(c.filter), 2), c.filter);
    const forward = (xs: tf.Tensor4D, ws: tf.Tensor4D) =>
      tf.conv2d(xs, ws, c.strides, c.pad, "NHWC", c.dilation ?? 1);
    const outShape = forward(x, w).shape;
    const upstream = tf.mul(tf.tensor(randomValues(size(outShape), 3), outShape), c.scale ?? 1);
    const [dx, dw] = tf.grads((xs: tf.Tensor, ws: tf.Tensor) =>
      tf.sum(tf.mul(forward(xs as tf.Tensor4D, ws as tf.Tensor4D), upstream)),
    )([x, w]);
    return {
      dx: Float32Array.from(dx!.dataSync()),
      dw: Float32Array.from(dw!.dataSync()),
      dwShape: dw!.shape,
    };
  });
}

const cases: Case[] = [
  { input: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "same" },
  { input: [2, 7, 7, 3], filter: [3, 3, 3, 4], strides: 1, pad: "valid" },
  { input: [2, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: "same" },
  { input: [2, 9, 8, 2], filter: [3, 3, 2, 5], strides: 2, pad: "valid" },
  { input: [1, 10, 11, 3], filter: [4, 2, 3, 2], strides: 3, pad: "same" },
  { input: [2, 9, 8, 2], filter: [4, 2, 2, 3], strides: 1, pad: "same" },
  { input: [2, 9, 8, 2], filter: [2, 4, 2, 3], strides: 1, pad: "valid" },
  { input: [3, 8, 8, 1], filter: [5, 5, 1, 6], strides: 1, pad: "valid" },
  { input: [4, 28, 28, 1], filter: [3, 3, 1, 16], strides: 1, pad: "same" },
  // 8 or more input channels: the gradient as a convolution.
  { input: [4, 14, 14, 16], filter: [3, 3, 16, 8], strides: 1, pad: "same" },
  { input: [2, 9, 9, 8], filter: [3, 3, 8, 4], strides: 2, pad: "same" },
  // Patches of 12 images × 68·68 padded positions × 100 taps pass the 4 Mi-value block: blocks of
  // 9 and 3 images, added. Small values, so that sums of 49,152 products stay where 1e-4 is
  // float32's error.
  { input: [12, 64, 64, 4], filter: [5, 5, 4, 2], strides: 1, pad: "same", scale: 0.05 },
];

describe("Conv2D gradients on wasm", () => {
  it("has both backprop kernels once the studio registers the missing one", () => {
    expect(ships("Conv2DBackpropInput")).toBe(true);
    expect(ships("Conv2DBackpropFilter")).toBe(false);
    expect(tf.getKernel("Conv2DBackpropFilter", "wasm")).toBeDefined();
    expect(tf.getKernel("Conv2DBackpropInput", "wasm")).toBeDefined();
  });

  it.each(cases)(
    "equal the cpu backend's within 1e-4: input $input, filter $filter, stride $strides, $pad",
    async (c) => {
      const cpu = await gradients("cpu", c);
      const wasm = await gradients("wasm", c);
      expect(wasm.dwShape).toEqual(c.filter);
      const maxDiff = (a: Float32Array, b: Float32Array) =>
        a.reduce((m, v, i) => Math.max(m, Math.abs(v - (b[i] ?? NaN))), 0);
      expect(wasm.dw).toHaveLength(cpu.dw.length);
      expect(maxDiff(wasm.dw, cpu.dw)).toBeLessThan(1e-4);
      expect(maxDiff(wasm.dx, cpu.dx)).toBeLessThan(1e-4);
      // Not trivially zero: the comparison means something.
      expect(Math.max(...Array.from(cpu.dw, Math.abs))).toBeGreaterThan(0.1);
    },
  );

  it("leaves no tensors behind", async () => {
    await tf.setBackend("wasm");
    const before = tf.memory().numTensors;
    await gradients("wasm", cases[2]!);
    expect(tf.memory().numTensors).toBe(before);
  });
});
