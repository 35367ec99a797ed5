/**
 * The patches of a 2-D convolution's input, laid out for the filter gradient as one matrix
 * product: row k = (i·fw + j)·C + c (a filter tap and input channel), column n = (b·outH + y)·outW
 * + x (an output position), value x[b, y·sh + i − top, x·sw + j − left, c], or 0 in the padding.
 * Then dW [fh·fw·C, O] = patches [K, N] · dy [N, O], with dy in NHWC as it is.
 */
export interface PatchGeometry {
  /** Input height, width and channels (NHWC, one image: height·width·channels values). */
  inHeight: number;
  inWidth: number;
  channels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  outHeight: number;
  outWidth: number;
  /** Rows and columns of zero padding before the first row and column. */
  top: number;
  left: number;
}

/**
 * Writes the patches of images `first` … `first + count − 1` of `input` ([B, H, W, C], NHWC) into
 * `out`, as [K, count·outH·outW] (see above). `out` must hold K·count·outH·outW values.
 */
export function patchesTransposed(
  input: Float32Array,
  geometry: PatchGeometry,
  first: number,
  count: number,
  out: Float32Array,
): void {
  const { inHeight, inWidth, channels, filterHeight, filterWidth } = geometry;
  const { strideHeight, strideWidth, outHeight, outWidth, top, left } = geometry;
  const columns = count * outHeight * outWidth;
  const rowStride = inWidth * channels;
  const stepX = strideWidth * channels;
  // One output row at a time: the input rows it reads stay in the first-level cache while every
  // tap and channel gathers from them (a row of the matrix per tap and channel).
  for (let b = first; b < first + count; b++) {
    const image = b * inHeight * rowStride;
    for (let y = 0; y < outHeight; y++) {
      const column = ((b - first) * outHeight + y) * outWidth;
      for (let i = 0; i < filterHeight; i++) {
        const row = y * strideHeight + i - top;
        const inside = row >= 0 && row < inHeight;
        for (let j = 0; j < filterWidth; j++) {
          // The output columns whose input column x·sw + j − left lies inside the image.
          const xFirst = Math.min(outWidth, Math.max(0, Math.ceil((left - j) / strideWidth)));
          const xEnd = Math.max(
            xFirst,
            Math.min(outWidth, Math.floor((inWidth - 1 + left - j) / strideWidth) + 1),
          );
          const start = image + row * rowStride + (xFirst * strideWidth + j - left) * channels;
          for (let c = 0; c < channels; c++) {
            const at = ((i * filterWidth + j) * channels + c) * columns + column;
            if (!inside) {
              out.fill(0, at, at + outWidth);
              continue;
            }
            for (let x = 0; x < xFirst; x++) out[at + x] = 0;
            let from = start + c;
            for (let x = xFirst; x < xEnd; x++) {
              out[at + x] = input[from]!;
              from += stepX;
            }
            for (let x = xEnd; x < outWidth; x++) out[at + x] = 0;
          }
        }
      }
    }
  }
}
