import * as tf from "@tensorflow/tfjs";
import {
  paddedRows,
  patchesTransposed,
  shiftedColumns,
  shiftedPatches,
  type PatchGeometry,
} from "./im2col";
import { isHeapBackend, viewAs } from "./wasmHeap";

type TensorInfo = tf.TensorInfo;
type Backend = tf.KernelBackend;

/** Runs another kernel of `backendName` directly (not through an op), as backends compose kernels. */
export function run(
  kernelName: string,
  backendName: string,
  backend: Backend,
  inputs: Record<string, TensorInfo>,
  attrs: Record<string, unknown>,
): TensorInfo {
  const kernel = tf.getKernel(kernelName, backendName);
  if (!kernel) throw new Error(`The ${backendName} backend has no ${kernelName} kernel.`);
  return kernel.kernelFunc({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
}

type Shape4D = [number, number, number, number];

/** The attributes both gradients of a 2-D convolution take, besides the shape they return. */
export interface ConvGradientAttrs {
  strides: [number, number] | number;
  pad: "valid" | "same" | number | tf.backend_util.ExplicitPadding;
  dataFormat: "NHWC" | "NCHW";
  dimRoundingMode?: "floor" | "round" | "ceil";
}

/** The forward convolution's geometry (NHWC, no dilation) that a gradient kernel undoes. */
export function forwardConvInfo(
  attrs: ConvGradientAttrs,
  inputShape: Shape4D,
  filterShape: Shape4D,
): tf.backend_util.Conv2DInfo {
  const { strides, pad, dimRoundingMode } = attrs;
  return tf.backend_util.computeConv2DInfo(
    inputShape,
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    "channelsLast",
  );
}

/**
 * The filter gradient as a convolution of kernels the wasm backend has (the studio's first
 * version, kept where it measured faster: inputs of 8 or more channels): dW[i,j,c,o] =
 * Σ_b,y,x x_padded[b, y·s + i, x·s + j, c] · dy[b,y,x,o] is x with channels and batch swapped
 * ([C, H, W, B]) convolved by dy as the filter ([outH, outW, B, O]), dilated by the stride s.
 */
function filterGradientByConvolution(
  backendName: string,
  backend: Backend,
  x: TensorInfo,
  dy: TensorInfo,
  info: tf.backend_util.Conv2DInfo,
): TensorInfo {
  const [fh, fw] = [info.filterHeight, info.filterWidth];
  const [sh, sw] = [info.strideHeight, info.strideWidth];
  // The rows and columns of the padded input that some output reads; the rest never count.
  const neededHeight = (info.outHeight - 1) * sh + fh;
  const neededWidth = (info.outWidth - 1) * sw + fw;
  const { top, left } = info.padInfo;
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  const bottom = Math.max(0, neededHeight - top - height);
  const right = Math.max(0, neededWidth - left - width);
  const temporaries: TensorInfo[] = [];
  const keep = (t: TensorInfo) => (temporaries.push(t), t);
  try {
    let padded = x;
    if (top > 0 || left > 0 || bottom > 0 || right > 0) {
      padded = keep(
        run(
          "PadV2",
          backendName,
          backend,
          { x },
          {
            paddings: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ],
            constantValue: 0,
          },
        ),
      );
    }
    const cropped =
      padded.shape[1] === neededHeight && padded.shape[2] === neededWidth
        ? padded
        : keep(
            run(
              "Slice",
              backendName,
              backend,
              { x: padded },
              {
                begin: [0, 0, 0, 0],
                size: [batch, neededHeight, neededWidth, channels],
              },
            ),
          );
    const xT = keep(run("Transpose", backendName, backend, { x: cropped }, { perm: [3, 1, 2, 0] }));
    const dyT = keep(run("Transpose", backendName, backend, { x: dy }, { perm: [1, 2, 0, 3] }));
    const grad = keep(
      run(
        "Conv2D",
        backendName,
        backend,
        { x: xT, filter: dyT },
        {
          strides: [1, 1],
          pad: "valid",
          dataFormat: "NHWC",
          dilations: [sh, sw],
          dimRoundingMode: undefined,
        },
      ),
    );
    return run("Transpose", backendName, backend, { x: grad }, { perm: [1, 2, 0, 3] });
  } finally {
    for (const t of temporaries) backend.disposeData(t.dataId);
  }
}

/** Most values one block of patches may hold (16 MB); larger batches are done in blocks. */
const PATCH_LIMIT = 1 << 22;

/**
 * The gradient of a 2-D convolution with respect to its filter as one matrix product, which the
 * wasm backend does with XNNPACK: dW [fh·fw·C, O] = patches [fh·fw·C, B·outH·outW] · dy
 * [B·outH·outW, O], the patches written straight from x's memory (im2col.ts). Batches whose
 * patches would pass PATCH_LIMIT go in blocks of images whose products are added.
 * x: [B, H, W, C] (NHWC), dy: [B, outH, outW, O]; returns [fh, fw, C, O].
 */
function conv2DBackpropFilterFor(backendName: string): tf.KernelFunc {
  return ({ inputs, backend: anyBackend, attrs }) => {
    const backend = anyBackend as Backend;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const gradient = attrs as unknown as ConvGradientAttrs & { filterShape: Shape4D };
    if (gradient.dataFormat === "NCHW")
      throw new Error("Conv2DBackpropFilter on wasm supports NHWC only.");
    if (!isHeapBackend(backend) || x.dtype !== "float32")
      throw new Error("Conv2DBackpropFilter on wasm needs float32 tensors in wasm memory.");
    const info = forwardConvInfo(gradient, x.shape as Shape4D, gradient.filterShape);
    if (info.inChannels >= 8) return filterGradientByConvolution(backendName, backend, x, dy, info);
    const geometry: PatchGeometry = {
      inHeight: info.inHeight,
      inWidth: info.inWidth,
      channels: info.inChannels,
      filterHeight: info.filterHeight,
      filterWidth: info.filterWidth,
      strideHeight: info.strideHeight,
      strideWidth: info.strideWidth,
      outHeight: info.outHeight,
      outWidth: info.outWidth,
      top: info.padInfo.top,
      left: info.padInfo.left,
    };
    const taps = info.filterHeight * info.filterWidth * info.inChannels;
    // Stride 1 takes shiftedPatches (copies, on a padded grid); other strides patchesTransposed.
    const shifted = info.strideHeight === 1 && info.strideWidth === 1;
    const perImage = shifted
      ? (info.outHeight + info.filterHeight - 1) * (info.outWidth + info.filterWidth - 1)
      : info.outHeight * info.outWidth;
    const outChannels = info.outChannels;
    const batch = info.batchSize;
    const block = Math.max(1, Math.min(batch, Math.floor(PATCH_LIMIT / (taps * perImage))));
    let total: TensorInfo | null = null;
    for (let first = 0; first < batch; first += block) {
      const count = Math.min(block, batch - first);
      const columns = shifted ? shiftedColumns(geometry, count) : count * perImage;
      const patches = backend.makeOutput([taps, columns], "float32");
      const dyRows = backend.makeOutput([columns, outChannels], "float32");
      // Views after makeOutput: allocating may grow the heap and detach earlier views.
      const [xValues, dyValues] = [x, dy].map((t) => backend.typedArrayFromHeap(t) as Float32Array);
      const patchValues = backend.typedArrayFromHeap(patches) as Float32Array;
      const dyRowValues = backend.typedArrayFromHeap(dyRows) as Float32Array;
      if (shifted) {
        shiftedPatches(xValues!, geometry, first, count, patchValues);
        paddedRows(dyValues!, geometry, outChannels, first, count, columns, dyRowValues);
      } else {
        patchesTransposed(xValues!, geometry, first, count, patchValues);
        const rowSize = perImage * outChannels;
        dyRowValues.set(dyValues!.subarray(first * rowSize, (first + count) * rowSize));
      }
      const product = run(
        "BatchMatMul",
        backendName,
        backend,
        { a: patches, b: dyRows },
        { transposeA: false, transposeB: false },
      );
      backend.disposeData(patches.dataId);
      backend.disposeData(dyRows.dataId);
      if (total) {
        const sum = run("Add", backendName, backend, { a: total, b: product }, {});
        backend.disposeData(total.dataId);
        backend.disposeData(product.dataId);
        total = sum;
      } else total = product;
    }
    return viewAs(total!, gradient.filterShape);
  };
}

/**
 * Registers the kernels tf.js's wasm backend lacks for training convolutions (today:
 * Conv2DBackpropFilter; Conv2DBackpropInput it has), so CNNs train on wasm rather than on the
 * plain-JavaScript cpu backend. Safe to call more than once. `backendName` is for tests.
 */
export function registerWasmConvGradients(backendName = "wasm"): void {
  if (!tf.getKernel("Conv2DBackpropFilter", backendName)) {
    tf.registerKernel({
      kernelName: "Conv2DBackpropFilter",
      backendName,
      kernelFunc: conv2DBackpropFilterFor(backendName),
    });
  }
}
