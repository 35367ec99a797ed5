// Transfer learning speed in the browser, per backend: images/s of the shipped backbone's feature
// extraction (public/backbones/shapes-cnn, its forward pass in inference mode, as the training
// worker computes features once per dataset) and of training the proposed head on those features
// (the studio's loop). bench/transfer-browser.mjs drives it through window.bench.transfer.
import * as tf from "@tensorflow/tfjs";
import {
  syntheticShapeSet,
  TRANSFER_PICTURE_SIZE,
  TRANSFER_SEED,
  TRANSFER_SHAPES,
} from "../../tests/support/synthetic";
import { buildModel } from "../../src/core/model/build";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "../../src/core/train/config";
import { trainLoop } from "../../src/core/train/loop";
import type { AnyTrainingData, ImageSplit } from "../../src/core/train/types";
import { transferSpec } from "../../src/core/transfer/compose";
import type { Backbone } from "../../src/core/transfer/convert";
import { frozenSplit, headSpec } from "../../src/core/transfer/frozen";
import { loadBackboneFromUrl } from "../../src/core/transfer/load";
import { applyNamedWeights, extractFeatures } from "../../src/core/transfer/train";

const SIZE = TRANSFER_PICTURE_SIZE;
const BACKBONE_URL = "/backbones/shapes-cnn/model.json";

export interface TransferRequest {
  /** Pictures whose features are timed (after a warm-up batch). */
  pictures: number;
  /** Head epochs timed on those pictures' features (after a warm-up epoch). */
  epochs: number;
  /** Timed rounds; the figures are their medians. */
  rounds: number;
}

export interface TransferSpeed {
  pictures: number;
  epochs: number;
  featureShape: number[];
  /** Images/s of the backbone's forward pass, batches of 64, features read back to the CPU. */
  extractPerSecond: number;
  /** Images/s of the head's training epochs (Adam, batch 32, the studio's loop). */
  headPerSecond: number;
  extractRounds: number[];
  headRounds: number[];
}

let backbone: Promise<Backbone> | null = null;
const fetchBytes = async (url: string) => {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const headConfig = (epochs: number): TrainConfig => ({
  ...DEFAULT_TRAIN_CONFIG,
  epochs,
  earlyStopping: { enabled: false, patience: 5, restoreBest: false },
});

/** Feature extraction and head training speed on the active backend (set it first). */
export async function transferSpeed({
  pictures,
  epochs,
  rounds,
}: TransferRequest): Promise<TransferSpeed> {
  backbone ??= loadBackboneFromUrl(BACKBONE_URL, fetchBytes);
  const loaded = await backbone;
  const classes = TRANSFER_SHAPES.length;
  const set = syntheticShapeSet(
    TRANSFER_SHAPES,
    Math.ceil(pictures / classes),
    SIZE,
    TRANSFER_SEED,
  );
  const split: ImageSplit = {
    pixels: set.pixels.subarray(0, pictures * SIZE * SIZE * 3),
    y: Float32Array.from(set.labels.subarray(0, pictures)),
    rows: pictures,
  };
  const data: AnyTrainingData = {
    task: "classification",
    featureCount: SIZE * SIZE * 3,
    inputShape: [SIZE, SIZE, 3],
    classCount: classes,
    train: split,
    validation: { pixels: new Uint8Array(0), y: new Float32Array(0), rows: 0 },
    targetScale: 1,
  };
  const spec = transferSpec(loaded, classes);
  const frozen = frozenSplit(spec)!;
  const model = buildModel(tf, spec, { seed: 1 });
  applyNamedWeights(model, loaded.weights);
  const cut = model.getLayer(frozen.cutId).output as tf.SymbolicTensor;
  const extractor = tf.model({ inputs: model.inputs, outputs: cut });
  const warm: ImageSplit = { ...split, rows: Math.min(64, pictures) };
  await extractFeatures(extractor, data, warm, 64);
  const extractRounds: number[] = [];
  let features: Float32Array = new Float32Array(0);
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    features = await extractFeatures(extractor, data, split, 64);
    extractRounds.push(pictures / ((performance.now() - started) / 1000));
  }
  const featureCount = frozen.featureShape.reduce((n, d) => n * d, 1);
  const headData: AnyTrainingData = {
    task: "classification",
    featureCount,
    classCount: classes,
    train: { x: features, y: split.y, rows: pictures },
    validation: { x: new Float32Array(0), y: new Float32Array(0), rows: 0 },
    targetScale: 1,
  };
  const headRounds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const head = buildModel(tf, headSpec(spec, frozen), { seed: round + 1 });
    await trainLoop(head, headData, headConfig(1));
    const started = performance.now();
    await trainLoop(head, headData, headConfig(epochs));
    headRounds.push((epochs * pictures) / ((performance.now() - started) / 1000));
    head.dispose();
  }
  model.dispose();
  return {
    pictures,
    epochs,
    featureShape: frozen.featureShape,
    extractPerSecond: median(extractRounds),
    headPerSecond: median(headRounds),
    extractRounds,
    headRounds,
  };
}
