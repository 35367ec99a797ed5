import { mulberry32 } from "../../src/core/data/random";

/**
 * Photo-like synthetic pictures of shapes, seeded: each shape drawn with its own colour, size,
 * rotation and position over a textured or gradient background, with a few clutter strokes and
 * sensor noise. Made for transfer learning: a backbone trained on some shapes, a small set of other
 * shapes to transfer to, where raw pixels say little (colours and positions vary) and a CNN from
 * scratch overfits a few dozen pictures.
 */

export const SHAPE_KINDS = [
  "circle",
  "square",
  "triangle",
  "star",
  "cross",
  "ring",
  "hexagon",
  "heart",
  "crescent",
  "arrow",
] as const;

export type ShapeKind = (typeof SHAPE_KINDS)[number];

type Rng = () => number;
type Point = [number, number];
type Rgb = [number, number, number];

function regularPolygon(corners: number, radius: number, innerRadius?: number): Point[] {
  const points: Point[] = [];
  const steps = innerRadius === undefined ? corners : corners * 2;
  for (let i = 0; i < steps; i++) {
    const angle = (i / steps) * 2 * Math.PI - Math.PI / 2;
    const r = innerRadius !== undefined && i % 2 === 1 ? innerRadius : radius;
    points.push([r * Math.cos(angle), r * Math.sin(angle)]);
  }
  return points;
}

const POLYGONS: Partial<Record<ShapeKind, Point[]>> = {
  triangle: regularPolygon(3, 1),
  star: regularPolygon(5, 1, 0.42),
  hexagon: regularPolygon(6, 0.95),
  arrow: [
    [-0.95, -0.22],
    [0.15, -0.22],
    [0.15, -0.6],
    [0.95, 0],
    [0.15, 0.6],
    [0.15, 0.22],
    [-0.95, 0.22],
  ],
};

/** Even–odd ray casting: is (x, y) inside the polygon? */
function insidePolygon(points: Point[], x: number, y: number): boolean {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i] as Point;
    const [xj, yj] = points[j] as Point;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether the point (u, v) of the shape's own frame (radius about 1) lies inside it. */
export function insideShape(kind: ShapeKind, u: number, v: number): boolean {
  const r2 = u * u + v * v;
  switch (kind) {
    case "circle":
      return r2 <= 0.85;
    case "square":
      return Math.abs(u) <= 0.72 && Math.abs(v) <= 0.72;
    case "cross":
      return (
        (Math.abs(u) <= 0.28 && Math.abs(v) <= 0.95) || (Math.abs(v) <= 0.28 && Math.abs(u) <= 0.95)
      );
    case "ring":
      return r2 <= 0.9 && r2 >= 0.3;
    case "heart": {
      // (x² + y² − 1)³ − x²y³ ≤ 0, with y pointing up.
      const x = u * 1.25;
      const y = -v * 1.25 + 0.15;
      const a = x * x + y * y - 1;
      return a * a * a - x * x * y * y * y <= 0;
    }
    case "crescent": {
      const du = u - 0.45;
      return r2 <= 0.9 && du * du + v * v >= 0.55;
    }
    default:
      return insidePolygon(POLYGONS[kind] ?? [], u, v);
  }
}

function randomColour(rng: Rng): Rgb {
  return [rng() * 255, rng() * 255, rng() * 255];
}

const luminance = ([r, g, b]: Rgb) => 0.299 * r + 0.587 * g + 0.114 * b;

/** A colour whose luminance differs from `from` by at least `contrast` (0–255), when it can. */
function contrastingColour(rng: Rng, from: Rgb, contrast: number): Rgb {
  let colour = randomColour(rng);
  for (
    let tries = 0;
    tries < 20 && Math.abs(luminance(colour) - luminance(from)) < contrast;
    tries++
  )
    colour = randomColour(rng);
  return colour;
}

/** Gaussian noise by Box–Muller. */
function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/** One background: a two-colour gradient, stripes or soft blobs. Returns a colour per pixel. */
function backgroundPainter(rng: Rng): { paint: (x: number, y: number) => Rgb; mean: Rgb } {
  const a = randomColour(rng);
  const b = randomColour(rng);
  const mean: Rgb = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
  const mix = (t: number): Rgb => [
    a[0] + (b[0] - a[0]) * t,
    a[1] + (b[1] - a[1]) * t,
    a[2] + (b[2] - a[2]) * t,
  ];
  const angle = rng() * 2 * Math.PI;
  const [dx, dy] = [Math.cos(angle), Math.sin(angle)];
  const style = Math.floor(rng() * 3);
  if (style === 0) return { paint: (x, y) => mix((x * dx + y * dy + 1.5) / 3), mean };
  if (style === 1) {
    const frequency = 2 + rng() * 6;
    const phase = rng() * 2 * Math.PI;
    return {
      paint: (x, y) => mix(0.5 + 0.35 * Math.sin((x * dx + y * dy) * frequency * Math.PI + phase)),
      mean,
    };
  }
  const blobs = Array.from({ length: 3 }, () => [rng() * 2 - 1, rng() * 2 - 1, 0.2 + rng() * 0.5]);
  return {
    paint: (x, y) => {
      let t = 0;
      for (const [bx = 0, by = 0, radius = 1] of blobs)
        t += Math.exp(-((x - bx) ** 2 + (y - by) ** 2) / (radius * radius));
      return mix(Math.min(1, t * 0.6));
    },
    mean,
  };
}

/** A thin straight stroke across the picture, as clutter. */
interface Stroke {
  x0: number;
  y0: number;
  dx: number;
  dy: number;
  width: number;
  colour: Rgb;
}

function randomStroke(rng: Rng): Stroke {
  const angle = rng() * Math.PI;
  return {
    x0: rng() * 2 - 1,
    y0: rng() * 2 - 1,
    dx: Math.cos(angle),
    dy: Math.sin(angle),
    width: 0.03 + rng() * 0.04,
    colour: randomColour(rng),
  };
}

/**
 * One picture of `kind`, size×size RGB bytes, row-major [size, size, 3]. The shape's radius is 30–65%
 * of the picture's half-width, its centre anywhere that keeps it mostly in view, any rotation; each
 * pixel is the mean of 2×2 samples (smooth edges), plus Gaussian noise of σ 4–14 grey levels.
 */
export function renderShapePicture(kind: ShapeKind, size: number, rng: Rng): Uint8Array {
  const background = backgroundPainter(rng);
  const colour = contrastingColour(rng, background.mean, 60);
  const shade = 0.75 + rng() * 0.5;
  const scale = 0.3 + rng() * 0.35;
  const rotation = rng() * 2 * Math.PI;
  const [cos, sin] = [Math.cos(rotation), Math.sin(rotation)];
  const cx = (rng() * 2 - 1) * (0.95 - scale);
  const cy = (rng() * 2 - 1) * (0.95 - scale);
  const strokes = Array.from({ length: Math.floor(rng() * 3) }, () => randomStroke(rng));
  const noise = 4 + rng() * 10;
  const out = new Uint8Array(size * size * 3);
  const samples = [0.25, 0.75];
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const sum: Rgb = [0, 0, 0];
      for (const sy of samples) {
        for (const sx of samples) {
          const x = ((px + sx) / size) * 2 - 1;
          const y = ((py + sy) / size) * 2 - 1;
          let pixel = background.paint(x, y);
          for (const s of strokes) {
            if (Math.abs((x - s.x0) * s.dy - (y - s.y0) * s.dx) < s.width) pixel = s.colour;
          }
          const u = ((x - cx) * cos + (y - cy) * sin) / scale;
          const v = (-(x - cx) * sin + (y - cy) * cos) / scale;
          if (insideShape(kind, u, v)) {
            // A light from one side: the shape is shaded along its own u axis.
            const light = shade + 0.15 * u;
            pixel = [colour[0] * light, colour[1] * light, colour[2] * light];
          }
          sum[0] += pixel[0];
          sum[1] += pixel[1];
          sum[2] += pixel[2];
        }
      }
      const at = (py * size + px) * 3;
      for (let c = 0; c < 3; c++) {
        const value = (sum[c] as number) / 4 + gaussian(rng) * noise;
        out[at + c] = Math.max(0, Math.min(255, Math.round(value)));
      }
    }
  }
  return out;
}

export interface SyntheticShapeSet {
  classNames: ShapeKind[];
  /** Row-major [count, size, size, 3] bytes. */
  pixels: Uint8Array;
  /** Class index (into classNames) per picture. */
  labels: Int32Array;
  count: number;
}

/**
 * `perClass` pictures of each of `kinds`, interleaved by class (0, 1, …, 0, 1, …), all from one
 * seed: the same seed gives the same bytes on every machine.
 */
export function syntheticShapeSet(
  kinds: readonly ShapeKind[],
  perClass: number,
  size: number,
  seed: number,
): SyntheticShapeSet {
  const rng = mulberry32(seed);
  const count = kinds.length * perClass;
  const pixels = new Uint8Array(count * size * size * 3);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % kinds.length;
    labels[i] = label;
    pixels.set(renderShapePicture(kinds[label] as ShapeKind, size, rng), i * size * size * 3);
  }
  return { classNames: [...kinds], pixels, labels, count };
}

/** The shipped backbone (public/backbones/shapes-cnn) learned these shapes… */
export const BACKBONE_SHAPES: ShapeKind[] = [
  "circle",
  "square",
  "triangle",
  "star",
  "cross",
  "ring",
];
/** …and the transfer fixture (tests/fixtures/shapes-transfer.zip) holds these others. */
export const TRANSFER_SHAPES: ShapeKind[] = ["hexagon", "heart", "crescent", "arrow"];
export const TRANSFER_PICTURE_SIZE = 32;
export const TRANSFER_PER_CLASS = 60;
/** The seed of the fixture's pictures (the backbone trained on seeds 1 and 2). */
export const TRANSFER_SEED = 3;
