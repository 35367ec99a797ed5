import * as tf from "@tensorflow/tfjs";
import {
  forwardConvInfo,
  registerWasmConvGradients,
  run,
  type ConvGradientAttrs,
} from "./wasmConvGradients";
import { identityFor } from "./wasmIdentity";
import { isHeapBackend } from "./wasmHeap";

/*
 * Faster wasm kernels for training, where tf.js 4.22's wasm kernel takes a slow path: made of the
 * backend's own fast kernels (XNNPACK's matrix product and convolution) or, for MaxPool's
 * gradient, a plain pass over the heap. Each wraps the original and falls back to it for what it
 * does not cover. `node bench/wasm-kernels.mjs` times each against the original (Node, one thread).
 */

type TensorInfo = tf.TensorInfo;
type Backend = tf.KernelBackend;

/** Marks a kernel function as this module's wrapper, so registering twice wraps once. */
const WRAPPED = Symbol("model-studio-wrapped");
type Wrapped = tf.KernelFunc & { [WRAPPED]?: true };

/** True when `kernelName` of `backendName` is this module's wrapper (for tests). */
export function wrappedByStudio(kernelName: string, backendName = "wasm"): boolean {
  return (
    (tf.getKernel(kernelName, backendName)?.kernelFunc as Wrapped | undefined)?.[WRAPPED] === true
  );
}

/**
 * Replaces `kernelName` of `backendName` by `make(original)`, keeping the original's setup and
 * dispose functions (wasm kernels bind their module calls in setup). No-op when the kernel is
 * missing or already wrapped.
 */
function wrapKernel(
  kernelName: string,
  backendName: string,
  make: (original: tf.KernelFunc) => tf.KernelFunc,
): void {
  const original = tf.getKernel(kernelName, backendName);
  if (!original || (original.kernelFunc as Wrapped)[WRAPPED]) return;
  const wrapped: Wrapped = make(original.kernelFunc);
  wrapped[WRAPPED] = true;
  tf.unregisterKernel(kernelName, backendName);
  tf.registerKernel({ ...original, kernelFunc: wrapped });
}

/** The permutation that swaps a tensor's last two axes. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * BatchMatMul with a transposed operand: transposes it first, then multiplies plainly. The wasm
 * kernel's transposed path is 5–10× slower than a transpose and its plain path, and every Dense
 * layer's backward pass (x·dyᵀ-style products) takes it.
 */
function batchMatMulFor(backendName: string) {
  return (original: tf.KernelFunc): tf.KernelFunc =>
    (args) => {
      const { inputs, backend: anyBackend, attrs } = args;
      const { transposeA, transposeB } = attrs as unknown as {
        transposeA: boolean;
        transposeB: boolean;
      };
      if (!transposeA && !transposeB) return original(args);
      const backend = anyBackend as Backend;
      const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
      const flip = (x: TensorInfo) =>
        run("Transpose", backendName, backend, { x }, { perm: swapLastTwo(x.shape.length) });
      const aPlain = transposeA ? flip(a) : a;
      const bPlain = transposeB ? flip(b) : b;
      try {
        return original({
          inputs: { a: aPlain, b: bPlain },
          backend,
          attrs: { ...attrs, transposeA: false, transposeB: false },
        });
      } finally {
        if (aPlain !== a) backend.disposeData(aPlain.dataId);
        if (bPlain !== b) backend.disposeData(bPlain.dataId);
      }
    };
}

/**
 * The gradient of a stride-1 2-D convolution with respect to its input, as a convolution: dy
 * convolved with the filter turned 180° and its channels swapped ([fh, fw, O, C]), padded by
 * fh − 1 − top above (and what makes the input's height below; likewise for the width). Strided
 * convolutions, NCHW and unusual paddings take the original kernel.
 */
function conv2DBackpropInputFor(backendName: string) {
  return (original: tf.KernelFunc): tf.KernelFunc =>
    (args) => {
      const { inputs, backend: anyBackend, attrs } = args;
      const backend = anyBackend as Backend;
      const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
      const gradient = attrs as unknown as ConvGradientAttrs & {
        inputShape: [number, number, number, number];
      };
      if (gradient.dataFormat === "NCHW") return original(args);
      const { inputShape } = gradient;
      const info = forwardConvInfo(
        gradient,
        inputShape,
        filter.shape as [number, number, number, number],
      );
      const [fh, fw] = [info.filterHeight, info.filterWidth];
      const before = [fh - 1 - info.padInfo.top, fw - 1 - info.padInfo.left];
      const after = [
        inputShape[1] - info.outHeight + fh - 1 - before[0]!,
        inputShape[2] - info.outWidth + fw - 1 - before[1]!,
      ];
      if (
        info.strideHeight !== 1 ||
        info.strideWidth !== 1 ||
        [...before, ...after].some((p) => p < 0)
      )
        return original(args);
      const temporaries: TensorInfo[] = [];
      const keep = (t: TensorInfo) => (temporaries.push(t), t);
      try {
        const turned = keep(run("Reverse", backendName, backend, { x: filter }, { dims: [0, 1] }));
        const swapped = keep(
          run("Transpose", backendName, backend, { x: turned }, { perm: [0, 1, 3, 2] }),
        );
        return run(
          "Conv2D",
          backendName,
          backend,
          { x: dy, filter: swapped },
          {
            strides: [1, 1],
            pad: [
              [0, 0],
              [before[0], after[0]],
              [before[1], after[1]],
              [0, 0],
            ],
            dataFormat: "NHWC",
            dilations: [1, 1],
            dimRoundingMode: undefined,
          },
        );
      } finally {
        for (const t of temporaries) backend.disposeData(t.dataId);
      }
    };
}

/**
 * MaxPool's gradient as a scatter, in JavaScript on the wasm heap: each output's gradient goes to
 * the first largest input of its window (row by row), as the cpu backend assigns it. One pass over
 * the outputs, where the wasm kernel's loop takes about 10 ms per pooling layer of a small CNN.
 */
function maxPoolGradFor() {
  return (original: tf.KernelFunc): tf.KernelFunc =>
    (args) => {
      const { inputs, backend, attrs } = args;
      const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
      const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as {
        filterSize: [number, number] | number;
        strides: [number, number] | number;
        pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
        dimRoundingMode?: "floor" | "round" | "ceil";
      };
      if (!isHeapBackend(backend) || input.dtype !== "float32") return original(args);
      const info = tf.backend_util.computePool2DInfo(
        input.shape as [number, number, number, number],
        filterSize,
        strides,
        1,
        pad,
        dimRoundingMode,
      );
      const out = backend.makeOutput(input.shape, "float32");
      // Views after makeOutput: allocating may grow the heap and detach earlier views.
      const x = backend.typedArrayFromHeap(input) as Float32Array;
      const dyValues = backend.typedArrayFromHeap(dy) as Float32Array;
      const dx = backend.typedArrayFromHeap(out) as Float32Array;
      const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
      const [fh, fw] = [info.filterHeight, info.filterWidth];
      const [sh, sw] = [info.strideHeight, info.strideWidth];
      const { top, left } = info.padInfo;
      if (
        [fh, fw, sh, sw].every((n) => n === 2) &&
        top === 0 &&
        left === 0 &&
        inHeight === 2 * outHeight &&
        inWidth === 2 * outWidth
      ) {
        tilingTwoByTwo(x, dyValues, dx, batchSize * outHeight, outWidth, channels);
        return out;
      }
      dx.fill(0);
      // The window's input offsets (rows then columns: the order ties are broken in), reused for
      // every channel, which is innermost in memory.
      const window = new Int32Array(fh * fw);
      for (let b = 0; b < batchSize; b++) {
        const image = b * inHeight * inWidth * channels;
        for (let yr = 0; yr < outHeight; yr++) {
          const r0 = Math.max(0, yr * sh - top);
          const r1 = Math.min(inHeight, yr * sh - top + fh);
          for (let yc = 0; yc < outWidth; yc++) {
            const c0 = Math.max(0, yc * sw - left);
            const c1 = Math.min(inWidth, yc * sw - left + fw);
            let size = 0;
            for (let r = r0; r < r1; r++)
              for (let c = c0; c < c1; c++) window[size++] = image + (r * inWidth + c) * channels;
            const o = ((b * outHeight + yr) * outWidth + yc) * channels;
            for (let d = 0; d < channels; d++) {
              let best = -Infinity;
              let at = -1;
              for (let k = 0; k < size; k++) {
                const index = window[k]! + d;
                const value = x[index]!;
                if (value > best) {
                  best = value;
                  at = index;
                }
              }
              if (at >= 0) dx[at] = dx[at]! + dyValues[o + d]!;
            }
          }
        }
      }
      return out;
    };
}

/**
 * MaxPool's gradient for 2×2 windows at stride 2 that tile the input exactly (the usual pooling
 * layer on even sizes): every input lies in one window, so each is written once, dy to the first
 * largest of its window (row by row, as the cpu backend) and 0 to the others. x and dx: [rows·2,
 * columns·2, channels] (batch and rows folded), dy: [rows, columns, channels].
 */
function tilingTwoByTwo(
  x: Float32Array,
  dy: Float32Array,
  dx: Float32Array,
  rows: number,
  columns: number,
  channels: number,
): void {
  const inRow = 2 * columns * channels;
  for (let r = 0, o = 0; r < rows; r++) {
    let p = 2 * r * inRow;
    for (let c = 0; c < columns; c++, p += 2 * channels) {
      for (let d = 0; d < channels; d++, o++) {
        const i0 = p + d;
        const i1 = i0 + channels;
        const i2 = i0 + inRow;
        const i3 = i2 + channels;
        let best = x[i0]!;
        let at = 0;
        if (x[i1]! > best) {
          best = x[i1]!;
          at = 1;
        }
        if (x[i2]! > best) {
          best = x[i2]!;
          at = 2;
        }
        if (x[i3]! > best) at = 3;
        const g = dy[o]!;
        dx[i0] = at === 0 ? g : 0;
        dx[i1] = at === 1 ? g : 0;
        dx[i2] = at === 2 ? g : 0;
        dx[i3] = at === 3 ? g : 0;
      }
    }
  }
}

/**
 * Wraps the wasm kernels above (safe to call more than once). `backendName` is for tests, which
 * wrap another backend's kernels to check the arithmetic.
 */
export function registerWasmFastKernels(backendName = "wasm"): void {
  wrapKernel("BatchMatMul", backendName, batchMatMulFor(backendName));
  wrapKernel("Conv2DBackpropInput", backendName, conv2DBackpropInputFor(backendName));
  wrapKernel("MaxPoolGrad", backendName, maxPoolGradFor());
  wrapKernel("Identity", backendName, identityFor);
}

/**
 * Every wasm kernel the studio adds for training: the convolution filter gradient tf.js 4.22's
 * wasm backend lacks (wasmConvGradients.ts) and the faster kernels above. Call before training.
 */
export function registerWasmTrainingKernels(): void {
  registerWasmConvGradients();
  registerWasmFastKernels();
}
