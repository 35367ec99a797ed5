import * as tf from "@tensorflow/tfjs";

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
 * The gradient of a 2-D convolution with respect to its filter, made of kernels the wasm backend
 * has: dW[i,j,c,o] = Σ_b,y,x x_padded[b, y·s + i·d, x·s + j·d, c] · dy[b,y,x,o], which is itself a
 * convolution: x with channels and batch swapped ([C, H, W, B]) by dy as the filter
 * ([outH, outW, B, O]), dilated by the forward stride s and strided by the forward dilation d.
 * x: [B, H, W, C] (NHWC), dy: [B, outH, outW, O]; returns [fh, fw, C, O].
 */
function conv2DBackpropFilterFor(backendName: string): tf.KernelFunc {
  return ({ inputs, backend: anyBackend, attrs }) => {
    const backend = anyBackend as Backend;
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const gradient = attrs as unknown as ConvGradientAttrs & { filterShape: Shape4D };
    if (gradient.dataFormat === "NCHW")
      throw new Error("Conv2DBackpropFilter on wasm supports NHWC only.");
    const info = forwardConvInfo(gradient, x.shape as Shape4D, gradient.filterShape);
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
      const xT = keep(
        run("Transpose", backendName, backend, { x: cropped }, { perm: [3, 1, 2, 0] }),
      );
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
      const result = run("Transpose", backendName, backend, { x: grad }, { perm: [1, 2, 0, 3] });
      return result;
    } finally {
      for (const t of temporaries) backend.disposeData(t.dataId);
    }
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
