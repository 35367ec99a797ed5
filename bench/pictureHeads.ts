/**
 * Does a head on the frozen shipped backbone (public/backbones/shapes-cnn) reach what logistic
 * regression on the same features reaches? Measured in Node (wasm backend) on picture sets the
 * backbone was not tuned on, several seeds each, split 50/10/40 as the e2e splits them:
 *   (A) the transfer shapes (hexagon, heart, crescent, arrow), as tests/fixtures/shapes-transfer.zip
 *       but drawn from other seeds;
 *   (B) other pictures made here: an ellipse, a diamond, an L and a bar, in flat colours on plain
 *       or striped backgrounds of another palette.
 * Prints, per set and seed, the test accuracy of the logistic regression (the report's linear
 * column) and of the head under each candidate default, then head − linear over the seeds.
 * Run: node bench/picture-heads.mjs (BENCH_SEEDS=5 by default).
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmTrainingKernels } from "../src/core/backend/wasmFastKernels";
import { mulberry32 } from "../src/core/data/random";
import { splitImageDataset } from "../src/core/data/images/split";
import {
  syntheticShapeSet,
  TRANSFER_PICTURE_SIZE,
  TRANSFER_SHAPES,
} from "../tests/support/synthetic";
import type { ModelSpec } from "../src/core/model/spec";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "../src/core/train/config";
import { predictRows } from "../src/core/train/predictRows";
import type { AnyTrainingData, ImageSplit } from "../src/core/train/types";
import { transferSpec } from "../src/core/transfer/compose";
import type { Backbone } from "../src/core/transfer/convert";
import { FeatureCache } from "../src/core/transfer/featureCache";
import { loadBackboneFromUrl } from "../src/core/transfer/load";
import { fitBackboneLinear } from "../src/core/transfer/pictureLinear";
import { trainTransfer } from "../src/core/transfer/train";

const SIZE = TRANSFER_PICTURE_SIZE;
const SHAPE = [SIZE, SIZE, 3];
const PER_CLASS = 60;

/** A candidate head: the proposed spec with its Dropout rate and Dense L2 changed, and a config. */
interface Candidate {
  name: string;
  dropout: number;
  l2: number;
  config: Partial<TrainConfig>;
}

const CANDIDATES: Candidate[] = [
  {
    name: "Dropout 0.25, no L2, lr 0.003 (shipped before 2026-12-07)",
    dropout: 0.25,
    l2: 0,
    config: {},
  },
  // L2 0.004 ≈ logistic regression's C = 1 on ~120 training pictures: ‖W‖²/(2·C·n).
  { name: "no Dropout, L2 0.004, lr 0.003", dropout: 0, l2: 0.004, config: {} },
  { name: "no Dropout, L2 0.004, lr 0.01", dropout: 0, l2: 0.004, config: { learningRate: 0.01 } },
  { name: "Dropout 0.25, L2 0.004, lr 0.003", dropout: 0.25, l2: 0.004, config: {} },
];

/** The proposed head with `candidate`'s Dropout and L2 (a rate of 0 drops the Dropout layer). */
function candidateSpec(backbone: Backbone, classes: number, candidate: Candidate): ModelSpec {
  const spec = transferSpec(backbone, classes);
  const dropout = spec.nodes.find((n) => n.type === "Dropout" && n.trainable !== false);
  const dense = spec.nodes.find((n) => n.id === spec.outputs[0]);
  if (!dropout || !dense) throw new Error("The proposed head changed shape.");
  dense.params = { ...dense.params, l2: candidate.l2 };
  if (candidate.dropout > 0) {
    dropout.params = { ...dropout.params, rate: candidate.dropout };
    return spec;
  }
  return {
    ...spec,
    nodes: spec.nodes.filter((n) => n.id !== dropout.id),
    edges: spec.edges
      .filter((e) => e.to !== dropout.id)
      .map((e) => (e.from === dropout.id ? { ...e, from: backbone.cutId } : e)),
  };
}

type Rgb = [number, number, number];

/**
 * Set B: `perClass` pictures each of an ellipse, a diamond, an L and a bar, size×size RGB, in one
 * flat colour (a pastel palette unlike the backbone's), any rotation and place, on a plain or
 * striped background, with noise.
 */
function otherPictures(perClass: number, size: number, seed: number) {
  const rng = mulberry32(seed);
  const kinds = ["ellipse", "diamond", "ell", "bar"] as const;
  const inside = (kind: (typeof kinds)[number], u: number, v: number) => {
    switch (kind) {
      case "ellipse":
        return (u / 1) ** 2 + (v / 0.55) ** 2 <= 1;
      case "diamond":
        return Math.abs(u) + Math.abs(v) * 1.4 <= 0.95;
      case "ell":
        return (
          (u >= -0.8 && u <= -0.35 && Math.abs(v) <= 0.85) ||
          (v >= 0.4 && v <= 0.85 && u >= -0.8 && u <= 0.7)
        );
      case "bar":
        return Math.abs(u) <= 0.95 && Math.abs(v) <= 0.18;
    }
  };
  const pastel = (): Rgb => [150 + rng() * 105, 150 + rng() * 105, 150 + rng() * 105];
  const dark = (): Rgb => [rng() * 90, rng() * 90, rng() * 90];
  const count = kinds.length * perClass;
  const pixels = new Uint8Array(count * size * size * 3);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const label = i % kinds.length;
    labels[i] = label;
    const kind = kinds[label] as (typeof kinds)[number];
    const lightShape = rng() < 0.5;
    const [shape, back, stripe] = lightShape
      ? [pastel(), dark(), dark()]
      : [dark(), pastel(), pastel()];
    const striped = rng() < 0.5;
    const period = 3 + Math.floor(rng() * 5);
    const scale = 0.35 + rng() * 0.3;
    const angle = rng() * 2 * Math.PI;
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const cx = (rng() * 2 - 1) * (0.9 - scale);
    const cy = (rng() * 2 - 1) * (0.9 - scale);
    const noise = 3 + rng() * 8;
    for (let py = 0; py < size; py++)
      for (let px = 0; px < size; px++) {
        const x = ((px + 0.5) / size) * 2 - 1;
        const y = ((py + 0.5) / size) * 2 - 1;
        const u = ((x - cx) * cos + (y - cy) * sin) / scale;
        const v = (-(x - cx) * sin + (y - cy) * cos) / scale;
        const colour = inside(kind, u, v)
          ? shape
          : striped && Math.floor((px + py) / period) % 2 === 0
            ? stripe
            : back;
        const at = ((i * size + py) * size + px) * 3;
        for (let c = 0; c < 3; c++) {
          const noisy = (colour[c] as number) + (rng() * 2 - 1) * noise;
          pixels[at + c] = Math.max(0, Math.min(255, Math.round(noisy)));
        }
      }
  }
  return { pixels, labels, count, classNames: [...kinds] };
}

/** The share of `split` whose highest output is its class. */
export function accuracy(outputs: ArrayLike<number>, split: ImageSplit, classes: number): number {
  let right = 0;
  for (let r = 0; r < split.rows; r++) {
    let best = 0;
    for (let k = 1; k < classes; k++)
      if ((outputs[r * classes + k] as number) > (outputs[r * classes + best] as number)) best = k;
    if (best === split.y[r]) right++;
  }
  return right / split.rows;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export async function main(): Promise<void> {
  registerWasmTrainingKernels();
  await tf.setBackend("wasm");
  const backbone = await loadBackboneFromUrl(
    "/backbones/shapes-cnn/model.json",
    async (url) => new Uint8Array(readFileSync(`public${url}`)),
  );
  const seeds = Array.from({ length: Number(process.env.BENCH_SEEDS ?? 5) }, (_, i) => 11 + i);
  const sets = [
    {
      name: "A: transfer shapes",
      make: (seed: number) => syntheticShapeSet(TRANSFER_SHAPES, PER_CLASS, SIZE, seed),
    },
    {
      name: "B: ellipse/diamond/L/bar, other palette",
      make: (seed: number) => otherPictures(PER_CLASS, SIZE, seed),
    },
  ];
  console.log(
    `Head on the frozen ${backbone.name} vs logistic regression on its features (test accuracy; ${PER_CLASS} pictures per class, split 50/10/40, wasm; DEFAULT_TRAIN_CONFIG: ${DEFAULT_TRAIN_CONFIG.epochs} epochs, patience ${DEFAULT_TRAIN_CONFIG.earlyStopping.patience}, lr ${DEFAULT_TRAIN_CONFIG.learningRate})`,
  );
  const gaps = new Map<string, number[]>(CANDIDATES.map((c) => [c.name, []]));
  for (const set of sets) {
    for (const seed of seeds) {
      const pictures = set.make(seed);
      const classes = pictures.classNames.length;
      const splits = splitImageDataset(
        { ...pictures, size: SIZE, channels: 3 },
        { train: 0.5, validation: 0.1, test: 0.4 },
        42,
      );
      const data: AnyTrainingData = {
        task: "classification",
        featureCount: SIZE * SIZE * 3,
        inputShape: SHAPE,
        classCount: classes,
        train: splits.train,
        validation: splits.validation,
        targetScale: 1,
      };
      const cache = new FeatureCache();
      const test = { x: splits.test.pixels, rows: splits.test.rows };
      const linear = await fitBackboneLinear({
        spec: transferSpec(backbone, classes),
        pretrained: backbone.weights,
        data,
        test,
      });
      const linearAccuracy = accuracy(linear.outputs, splits.test, classes);
      const parts = [`${set.name}, seed ${seed}: linear ${linearAccuracy.toFixed(3)}`];
      for (const [index, candidate] of CANDIDATES.entries()) {
        const result = await trainTransfer({
          spec: candidateSpec(backbone, classes, candidate),
          pretrained: backbone.weights,
          data,
          config: { ...DEFAULT_TRAIN_CONFIG, ...candidate.config },
          fineTune: null,
          cache,
        });
        const outputs = await predictRows(
          result.model,
          test.x,
          test.rows,
          data.featureCount,
          64,
          SHAPE,
        );
        result.model.dispose();
        const headAccuracy = accuracy(outputs, splits.test, classes);
        gaps.get(candidate.name)?.push(headAccuracy - linearAccuracy);
        parts.push(
          `#${index + 1} ${headAccuracy.toFixed(3)} (${result.outcome.history.length} ep)`,
        );
      }
      console.log(parts.join(" | "));
    }
  }
  console.log("\nhead − linear over all sets and seeds (mean, worst):");
  for (const [index, [name, values]] of [...gaps].entries())
    console.log(
      `  #${index + 1} ${name}: mean ${mean(values) >= 0 ? "+" : ""}${mean(values).toFixed(3)}, worst ${Math.min(...values).toFixed(3)}`,
    );
}
