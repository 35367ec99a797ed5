/**
 * Trains the small backbone the studio ships (public/backbones/shapes-cnn/: model.json + one shard)
 * on six shapes of the synthetic picture set, and writes the transfer fixture: four OTHER shapes, 60
 * pictures each, as PNGs in tests/fixtures/shapes-transfer.zip (one folder per class). Run with
 * `node scripts/make-backbone.mjs` (a few minutes on the wasm backend); the same seed gives the
 * same pictures on every machine.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { zipSync } from "fflate";
import { registerWasmTrainingKernels } from "../src/core/backend/wasmFastKernels";
import { encodePng } from "../src/core/data/images/png";
import {
  BACKBONE_SHAPES,
  syntheticShapeSet,
  TRANSFER_PER_CLASS,
  TRANSFER_PICTURE_SIZE,
  TRANSFER_SEED,
  TRANSFER_SHAPES,
} from "../tests/support/synthetic";
import { defaultParams } from "../src/core/model/catalog";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../src/core/model/spec";
import { buildModel } from "../src/core/model/build";
import { tfjsArtifacts } from "../src/core/export/tfjsArtifacts";
import { DEFAULT_TRAIN_CONFIG } from "../src/core/train/config";
import { evaluateSplit, trainLoop } from "../src/core/train/loop";
import { storeModelWeights } from "../src/core/train/state";
import type { AnyTrainingData, Checkpoint } from "../src/core/train/types";

const PICTURE_SIZE = TRANSFER_PICTURE_SIZE;

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

/** Three 3×3 conv blocks and a global average pool: 64 features per picture, then the classes. */
export function backboneSpec(classCount: number): ModelSpec {
  const block = (n: number, filters: number) => [
    layer(`conv2d_${n}`, "Conv2D", {
      filters,
      kernelSize: [3, 3],
      padding: "same",
      activation: "linear",
      useBias: false,
    }),
    layer(`batch_normalization_${n}`, "BatchNormalization", { momentum: 0.9 }),
    layer(`activation_${n}`, "Activation", { activation: "relu" }),
  ];
  const nodes = [
    layer("input", "InputLayer", { shape: [PICTURE_SIZE, PICTURE_SIZE, 3] }),
    ...block(1, 16),
    layer("max_pooling2d_1", "MaxPooling2D", { poolSize: [2, 2] }),
    ...block(2, 32),
    layer("max_pooling2d_2", "MaxPooling2D", { poolSize: [2, 2] }),
    ...block(3, 64),
    layer("global_average_pooling2d_1", "GlobalAveragePooling2D"),
    layer("output", "Dense", { units: classCount, activation: "softmax", useBias: true }),
  ];
  const edges = nodes.slice(1).map((node, i) => ({ from: nodes[i]!.id, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: ["input"], nodes, edges, outputs: ["output"] };
}

function split(set: ReturnType<typeof syntheticShapeSet>) {
  return { pixels: set.pixels, y: Float32Array.from(set.labels), rows: set.count };
}

async function writeBackbone(spec: ModelSpec, model: tf.LayersModel): Promise<void> {
  const artifacts = await tfjsArtifacts(tf, { spec, weights: await storeModelWeights(model) });
  const folder = "public/backbones/shapes-cnn";
  mkdirSync(folder, { recursive: true });
  // The pictures it learns from, recorded where tf.js keeps a maker's notes: drawn at 32×32 RGB,
  // i.e. as the studio's "stretch" fit gives them (nothing cropped, no padding).
  const modelJson = {
    ...artifacts.modelJson,
    userDefinedMetadata: { modelStudio: { pictures: { fit: "stretch", channels: 3 } } },
  };
  writeFileSync(`${folder}/model.json`, JSON.stringify(modelJson));
  writeFileSync(`${folder}/group1-shard1of1.bin`, artifacts.weightData);
}

/** Trains the backbone on BACKBONE_SHAPES and writes its files (the best epoch so far, each epoch). */
async function trainBackbone(): Promise<void> {
  const perClass = Number(process.env.PER_CLASS ?? 1000);
  const epochs = Number(process.env.EPOCHS ?? 10);
  await tf.setBackend("wasm");
  registerWasmTrainingKernels();
  const train = syntheticShapeSet(BACKBONE_SHAPES, perClass, PICTURE_SIZE, 1);
  const validation = syntheticShapeSet(BACKBONE_SHAPES, 100, PICTURE_SIZE, 2);
  const data: AnyTrainingData = {
    task: "classification",
    featureCount: PICTURE_SIZE * PICTURE_SIZE * 3,
    inputShape: [PICTURE_SIZE, PICTURE_SIZE, 3],
    classCount: BACKBONE_SHAPES.length,
    train: split(train),
    validation: split(validation),
    targetScale: 1,
  };
  const spec = backboneSpec(BACKBONE_SHAPES.length);
  const model = buildModel(tf, spec, { seed: 3 });
  const config = { ...DEFAULT_TRAIN_CONFIG, learningRate: 0.005, batchSize: 32 };
  // One epoch at a time, resuming from the last checkpoint, so the files on disk always hold the
  // best epoch so far (the run can be cut short and still leave a usable backbone).
  let checkpoint: Checkpoint | null = null;
  let bestAccuracy = -1;
  for (let epoch = 1; epoch <= epochs; epoch++) {
    await trainLoop(
      model,
      data,
      { ...config, epochs: epoch },
      {
        onEpoch: (m, saved) => {
          checkpoint = saved;
          console.log(
            `epoch ${m.epoch}: loss ${m.loss.toFixed(3)} acc ${m.metric.toFixed(3)} val acc ${m.valMetric?.toFixed(3)} (${m.seconds.toFixed(0)} s)`,
          );
        },
      },
      checkpoint,
    );
    const accuracy = (await evaluateSplit(model, data, data.validation, 256))?.metric ?? 0;
    if (accuracy > bestAccuracy) {
      bestAccuracy = accuracy;
      await writeBackbone(spec, model);
    }
  }
  console.log(`backbone validation accuracy ${bestAccuracy.toFixed(3)}`);
  model.dispose();
}

/** The transfer fixture: TRANSFER_SHAPES as PNGs, one folder per class, in one zip. */
function writeTransferFixture(): void {
  const transfer = syntheticShapeSet(
    TRANSFER_SHAPES,
    TRANSFER_PER_CLASS,
    PICTURE_SIZE,
    TRANSFER_SEED,
  );
  const files: Record<string, Uint8Array> = {};
  const bytes = PICTURE_SIZE * PICTURE_SIZE * 3;
  for (let i = 0; i < transfer.count; i++) {
    const kind = transfer.classNames[transfer.labels[i]!]!;
    const name = `shapes-transfer/${kind}/${kind}-${String(Math.floor(i / TRANSFER_SHAPES.length)).padStart(2, "0")}.png`;
    const picture = transfer.pixels.subarray(i * bytes, (i + 1) * bytes);
    files[name] = encodePng(picture, PICTURE_SIZE, PICTURE_SIZE, 3);
  }
  writeFileSync("tests/fixtures/shapes-transfer.zip", zipSync(files, { level: 0 }));
}

export async function main(): Promise<void> {
  const started = performance.now();
  // FIXTURE_ONLY=1 writes the fixture alone (the pictures do not depend on the backbone).
  if (process.env.FIXTURE_ONLY !== "1") await trainBackbone();
  writeTransferFixture();
  console.log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}
