/**
 * Occlusion saliency for one picture: cover one square patch at a time with the picture's mean
 * colour and see how much the probability of a class drops. The drop is measured in log
 * probability (ln p − ln p_covered), so a confident answer (99.99% → 99.9%) still shows where it
 * comes from. A pixel's heat is the mean drop over the patches that cover it, so the map says
 * which parts of the picture the answer rests on. Pure maths; the model is a callback (the
 * predict worker passes tf.js).
 */

/** Probabilities are floored here before the logarithm, so a 0 does not make the map infinite. */
const PROBABILITY_FLOOR = 1e-7;
const logProbability = (p: number) => Math.log(Math.max(PROBABILITY_FLOOR, p));

/** A square patch: its top-left corner and side, in pixels. */
export interface Patch {
  x: number;
  y: number;
  side: number;
}

export interface Saliency {
  /**
   * Mean drop in ln(probability) per pixel, row-major [size, size]; positive: covering it lowers
   * the class's probability.
   */
  heat: Float32Array;
  size: number;
  /** The class the map is about, and its probability on the whole picture. */
  classIndex: number;
  probability: number;
  /** The largest drop of ln(probability) by any single patch (0 when none lowered it). */
  maxDrop: number;
  /** The class's lowest probability with any one patch covered. */
  lowestProbability: number;
  patchSide: number;
  stride: number;
  patches: number;
}

/** The studio's patch for a side: an eighth of it (at least 1 px), moved by half a patch. */
export function occlusionGrid(size: number): { patchSide: number; stride: number } {
  const patchSide = Math.max(1, Math.round(size / 8));
  return { patchSide, stride: Math.max(1, Math.floor(patchSide / 2)) };
}

/** Where patches start along one side: 0, stride, 2·stride, … with the last flush at the edge. */
export function patchStarts(size: number, side: number, stride: number): number[] {
  if (side >= size) return [0];
  const starts: number[] = [];
  for (let start = 0; start + side <= size; start += stride) starts.push(start);
  if (starts.at(-1) !== size - side) starts.push(size - side);
  return starts;
}

/** Every patch of the grid, row by row. */
export function occlusionPatches(size: number, side: number, stride: number): Patch[] {
  const starts = patchStarts(size, side, stride);
  return starts.flatMap((y) => starts.map((x) => ({ x, y, side: Math.min(side, size) })));
}

/** The mean of each channel of a picture [size, size, channels]: the fill of a covered patch. */
export function channelMeans(image: Float32Array, channels: number): Float32Array {
  const sums = new Float64Array(channels);
  for (let i = 0; i < image.length; i++) {
    const c = i % channels;
    sums[c] = (sums[c] as number) + (image[i] as number);
  }
  const pixels = image.length / channels;
  return Float32Array.from(sums, (sum) => (pixels > 0 ? sum / pixels : 0));
}

/** Writes `image` with `patch` filled by `fill` into `target` at `offset` ([size, size, channels]). */
export function occlude(
  image: Float32Array,
  size: number,
  channels: number,
  patch: Patch,
  fill: Float32Array,
  target: Float32Array,
  offset: number,
): void {
  target.set(image, offset);
  for (let y = patch.y; y < Math.min(size, patch.y + patch.side); y++) {
    for (let x = patch.x; x < Math.min(size, patch.x + patch.side); x++) {
      for (let c = 0; c < channels; c++) {
        target[offset + (y * size + x) * channels + c] = fill[c] as number;
      }
    }
  }
}

/** Each pixel's mean of `drops` over the patches that cover it: row-major [size, size]. */
export function heatFromDrops(
  drops: ArrayLike<number>,
  patches: Patch[],
  size: number,
): Float32Array {
  const sum = new Float64Array(size * size);
  const covered = new Uint32Array(size * size);
  patches.forEach((patch, i) => {
    for (let y = patch.y; y < Math.min(size, patch.y + patch.side); y++) {
      for (let x = patch.x; x < Math.min(size, patch.x + patch.side); x++) {
        const p = y * size + x;
        sum[p] = (sum[p] as number) + (drops[i] as number);
        covered[p] = (covered[p] as number) + 1;
      }
    }
  });
  return Float32Array.from(sum, (s, p) => (covered[p]! > 0 ? s / covered[p]! : 0));
}

/** Model outputs, row-major [count, classes], for pictures row-major [count, size, size, channels]. */
export type PredictPictures = (pictures: Float32Array, count: number) => Promise<Float32Array>;

/**
 * The occlusion map of `image` (floats [size, size, channels] as the model takes them) for
 * `classIndex`: the picture as it is, then each patch covered with the picture's mean colour, in
 * batches of `batchSize`, reporting progress in patches done.
 */
export async function occlusionSaliency(
  image: Float32Array,
  size: number,
  channels: number,
  classIndex: number,
  predict: PredictPictures,
  options: {
    patchSide?: number;
    stride?: number;
    batchSize?: number;
    onProgress?: (done: number, total: number) => void;
    /** Awaited before each batch: a worker yields there, and throws to abandon a stale map. */
    beforeBatch?: () => Promise<void>;
  } = {},
): Promise<Saliency> {
  const grid = occlusionGrid(size);
  const patchSide = options.patchSide ?? grid.patchSide;
  const stride = options.stride ?? grid.stride;
  const batchSize = options.batchSize ?? 32;
  const patches = occlusionPatches(size, patchSide, stride);
  const perImage = size * size * channels;
  const whole = await predict(image, 1);
  const classes = whole.length;
  const probability = whole[classIndex] ?? NaN;
  const fill = channelMeans(image, channels);
  const drops = new Float32Array(patches.length);
  let lowestProbability = probability;
  for (let start = 0; start < patches.length; start += batchSize) {
    await options.beforeBatch?.();
    const batch = patches.slice(start, start + batchSize);
    const pictures = new Float32Array(batch.length * perImage);
    batch.forEach((patch, i) =>
      occlude(image, size, channels, patch, fill, pictures, i * perImage),
    );
    const outputs = await predict(pictures, batch.length);
    batch.forEach((_, i) => {
      const covered = outputs[i * classes + classIndex] ?? probability;
      lowestProbability = Math.min(lowestProbability, covered);
      drops[start + i] = logProbability(probability) - logProbability(covered);
    });
    options.onProgress?.(start + batch.length, patches.length);
  }
  return {
    heat: heatFromDrops(drops, patches, size),
    size,
    classIndex,
    probability,
    maxDrop: Math.max(0, ...drops),
    lowestProbability,
    patchSide,
    stride,
    patches: patches.length,
  };
}

const ROWS = ["top", "middle", "bottom"] as const;
const COLUMNS = ["left", "centre", "right"] as const;

/**
 * Which ninth of the picture holds the most positive heat ("top left", "centre", "bottom
 * right"…), so the map can be told in words; null when no patch lowered the probability.
 */
export function hottestRegion(
  saliency: Pick<Saliency, "heat" | "size" | "maxDrop">,
): string | null {
  if (!(saliency.maxDrop > 0)) return null;
  const { heat, size } = saliency;
  const sums = new Float64Array(9);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cell =
        Math.min(2, Math.floor((3 * y) / size)) * 3 + Math.min(2, Math.floor((3 * x) / size));
      sums[cell] = (sums[cell] as number) + Math.max(0, heat[y * size + x] as number);
    }
  }
  const best = sums.indexOf(Math.max(...sums));
  const row = ROWS[Math.floor(best / 3)] ?? "middle";
  const column = COLUMNS[best % 3] ?? "centre";
  return row === "middle"
    ? column === "centre"
      ? "centre"
      : `middle ${column}`
    : `${row} ${column}`;
}
