/**
 * Test support (Node only): a real image TrainedModel made the way the studio makes one — the
 * shared digits pictures decoded and resized, a stratified split, the proposed CNN trained briefly
 * on tf.js's cpu backend, the report on the test split, and the first test pictures kept.
 */
import * as tf from "@tensorflow/tfjs";
import { loadDigits } from "./pngTesting";
import { splitImageDataset } from "../../src/core/data/images/split";
import type { Preprocessing } from "../../src/core/data/types";
import { argmaxRows, classificationReport } from "../../src/core/eval/metrics";
import { buildModel } from "../../src/core/model/build";
import { imageCnnSpec } from "../../src/core/model/imageTemplate";
import type { ModelSpec } from "../../src/core/model/spec";
import { sampleImagesOf } from "../../src/core/project/sampleImages";
import { TRAINED_MODEL_VERSION, type TrainedModel } from "../../src/core/project/trainedModel";
import { DEFAULT_TRAIN_CONFIG } from "../../src/core/train/config";
import { trainLoop } from "../../src/core/train/loop";
import { predictRows } from "../../src/core/train/predictRows";
import { storeModelWeights } from "../../src/core/train/state";
import type { AnyTrainingData } from "../../src/core/train/types";

/** Input [H, W, C] → Conv2D 4 (3×3, same, relu) → MaxPooling 2×2 → Flatten → Dropout → softmax. */
export function smallCnnSpec(inputShape: [number, number, 1 | 3], classCount: number): ModelSpec {
  const proposed = imageCnnSpec({ inputShape, classCount });
  const keep = new Set([
    "input",
    "conv2d_1",
    "max_pooling2d_1",
    "flatten_1",
    "dropout_1",
    "output",
  ]);
  const nodes = proposed.nodes
    .filter((node) => keep.has(node.id))
    .map((node) =>
      node.id === "conv2d_1" ? { ...node, params: { ...node.params, filters: 4 } } : node,
    );
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? "input", to: node.id, toIndex: 0 }));
  return { ...proposed, nodes, edges };
}

export interface ImageTestModel {
  model: TrainedModel;
  /** Every test picture, [rows, H, W, C] bytes, and its class index. */
  test: { pixels: Uint8Array; y: Float32Array; rows: number };
}

/**
 * The digits (32×32 grayscale; `classes` keeps those folders) → `spec` (default: the studio's
 * proposed CNN) trained `epochs` epochs (default 1) with batch 32 on the cpu backend. The proposed
 * CNN takes minutes per epoch there: tests train `smallCnnSpec` and keep the proposed one untrained.
 */
export async function makeDigitsModel(
  options: { classes?: string[]; epochs?: number; spec?: (classCount: number) => ModelSpec } = {},
): Promise<ImageTestModel> {
  const keep = options.classes
    ? (path: string) => options.classes?.includes(path.split("/")[0] ?? "") ?? true
    : undefined;
  const digits = await loadDigits({ keep });
  const split = splitImageDataset(digits, { train: 0.7, validation: 0.15, test: 0.15 }, 42);
  const shape: [number, number, 1 | 3] = [digits.size, digits.size, digits.channels];
  const classCount = digits.classNames.length;
  const spec = options.spec?.(classCount) ?? imageCnnSpec({ inputShape: shape, classCount });
  const epochs = options.epochs ?? 1;
  const config = { ...DEFAULT_TRAIN_CONFIG, epochs: Math.max(1, epochs), batchSize: 32 };
  const network = buildModel(tf, spec, { seed: config.seed });
  const data: AnyTrainingData = {
    task: "classification",
    featureCount: shape[0] * shape[1] * shape[2],
    inputShape: shape,
    classCount,
    train: split.train,
    validation: split.validation,
    targetScale: 1,
  };
  // Epochs 0: the seeded initial weights (tf.js's cpu backend trains convolutions slowly).
  const outcome =
    epochs > 0
      ? await trainLoop(network, data, config)
      : { reason: "completed" as const, bestEpoch: 0, history: [] };
  const weights = await storeModelWeights(network);
  const outputs = await predictRows(
    network,
    split.test.pixels,
    split.test.rows,
    data.featureCount,
    256,
    shape,
  );
  network.dispose();
  const preprocessing: Preprocessing = {
    version: 1,
    task: "classification",
    inputs: [],
    featureNames: [],
    label: { kind: "classes", column: "label", classNames: digits.classNames },
    image: {
      size: digits.size,
      channels: digits.channels,
      fit: digits.fit,
      scaling: "unit",
      classNames: digits.classNames,
    },
  };
  const model: TrainedModel = {
    version: TRAINED_MODEL_VERSION,
    name: "digits-png label",
    spec,
    weights,
    preprocessing,
    labels: digits.classNames,
    task: "classification",
    report: classificationReport(
      Array.from(split.test.y),
      argmaxRows(outputs, classCount),
      digits.classNames,
      Array.from(split.train.y),
    ),
    trainConfig: config,
    backend: "cpu",
    createdAt: "2026-11-29T20:00:00.000Z",
    history: outcome.history,
    dataset: {
      fileName: digits.sourceName,
      rows: digits.count,
      split: { train: split.train.rows, validation: split.validation.rows, test: split.test.rows },
      columns: ["label"],
    },
    sampleRows: [],
    sampleImages: sampleImagesOf(split.test.pixels, split.test.y, shape, digits.classNames),
  };
  return { model, test: split.test };
}
