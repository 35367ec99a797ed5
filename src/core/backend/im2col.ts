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

/**
 * For stride 1, the same matrix as patchesTransposed with a padded grid's columns: the input
 * padded to [count, Hp, Wp] per channel (Hp = outH + fh − 1, Wp = outW + fw − 1) and laid out
 * channel by channel, so that row (i, j, c) is one run of that plane starting at i·Wp + j: a copy,
 * not a gather. Column m = (b·Hp + y)·Wp + x is output (y, x) of image b for y < outH and x <
 * outW; the other columns read padding or a neighbour's rows, so dy must be 0 there (paddedRows).
 * Writes [K, shiftedColumns(geometry, count)] into `out`.
 */
export function shiftedPatches(
  input: Float32Array,
  geometry: PatchGeometry,
  first: number,
  count: number,
  out: Float32Array,
): void {
  const { inHeight, inWidth, channels, filterHeight, filterWidth, top, left } = geometry;
  const paddedHeight = geometry.outHeight + filterHeight - 1;
  const paddedWidth = geometry.outWidth + filterWidth - 1;
  const planeSize = count * paddedHeight * paddedWidth;
  const planes = new Float32Array(channels * planeSize);
  for (let b = 0; b < count; b++) {
    for (let r = Math.max(0, -top); r < Math.min(inHeight, paddedHeight - top); r++) {
      const from = ((first + b) * inHeight + r) * inWidth * channels;
      const to = (b * paddedHeight + r + top) * paddedWidth + left;
      const columns = Math.min(inWidth, paddedWidth - left);
      for (let c = 0; c < channels; c++) {
        const plane = c * planeSize + to;
        for (let x = 0, at = from + c; x < columns; x++, at += channels)
          planes[plane + x] = input[at]!;
      }
    }
  }
  const columns = shiftedColumns(geometry, count);
  for (let i = 0; i < filterHeight; i++)
    for (let j = 0; j < filterWidth; j++)
      for (let c = 0; c < channels; c++) {
        const start = c * planeSize + i * paddedWidth + j;
        out.set(
          planes.subarray(start, start + columns),
          ((i * filterWidth + j) * channels + c) * columns,
        );
      }
}

/** The columns of shiftedPatches for `count` images: count·Hp·Wp − (fh − 1)·Wp − (fw − 1). */
export function shiftedColumns(geometry: PatchGeometry, count: number): number {
  const paddedWidth = geometry.outWidth + geometry.filterWidth - 1;
  const paddedHeight = geometry.outHeight + geometry.filterHeight - 1;
  return (
    count * paddedHeight * paddedWidth -
    (geometry.filterHeight - 1) * paddedWidth -
    (geometry.filterWidth - 1)
  );
}

/** dy [count, outH, outW, O] on shiftedPatches' columns: [columns, O], 0 off the outputs. */
export function paddedRows(
  dy: Float32Array,
  geometry: PatchGeometry,
  outChannels: number,
  first: number,
  count: number,
  columns: number,
  out: Float32Array,
): void {
  const { outHeight, outWidth, filterHeight, filterWidth } = geometry;
  const paddedHeight = outHeight + filterHeight - 1;
  const paddedWidth = outWidth + filterWidth - 1;
  const run = outWidth * outChannels;
  out.fill(0, 0, columns * outChannels);
  for (let b = 0; b < count; b++)
    for (let y = 0; y < outHeight; y++) {
      const from = ((first + b) * outHeight + y) * run;
      out.set(dy.subarray(from, from + run), (b * paddedHeight + y) * paddedWidth * outChannels);
    }
}
