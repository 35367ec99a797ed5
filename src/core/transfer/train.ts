import * as tf from "@tensorflow/tfjs";
import { buildModel } from "../model/build";
import type { ModelSpec } from "../model/spec";
import { exampleShape, featureRange, isImageSplit } from "../train/batchSource";
import type { TrainConfig } from "../train/config";
import { trainLoop, type LoopCallbacks } from "../train/loop";
import type {
  AnyTrainingData,
  ArraySplit,
  DataSplit,
  StoredTensor,
  TrainOutcome,
} from "../train/types";
import { featureCacheKey, type FeatureCache } from "./featureCache";
import { frozenSplit, headSpec, topWeightedLayers, type FrozenSplit } from "./frozen";

/**
 * Training a head on a frozen pretrained backbone. Without augmentation the backbone's features are
 * computed once per dataset (and cached), and the head trains on them alone: an epoch costs a head's
 * epoch. With augmentation the whole model trains with the backbone frozen, so each augmented batch
 * gets its own features. Fine-tuning then unfreezes the top layers at a lower learning rate.
 */

export interface FineTuneSettings {
  /** How many of the backbone's layers with weights to unfreeze, nearest the cut first. */
  layers: number;
  /** The fine-tuning learning rate is the run's rate times this (e.g. 0.1). */
  learningRateFactor: number;
  epochs: number;
}

export interface TransferCallbacks extends LoopCallbacks {
  /** Features computed for `done` of `total` pictures (train and validation). */
  onFeatures?: (done: number, total: number, cached: boolean) => void;
}

export interface TransferOptions {
  spec: ModelSpec;
  /** The backbone's weights, named `<node id>/<suffix>`. */
  pretrained: StoredTensor[];
  data: AnyTrainingData;
  config: TrainConfig;
  fineTune: FineTuneSettings | null;
  cache?: FeatureCache;
  callbacks?: TransferCallbacks;
}

/** Sets every weight of `model` that `named` has a value for (by weight name); returns how many. */
export function applyNamedWeights(model: tf.LayersModel, named: StoredTensor[]): number {
  const byName = new Map(named.map((w) => [w.name, w]));
  let applied = 0;
  for (const weight of model.weights) {
    const stored = byName.get(weight.originalName);
    if (!stored) continue;
    if (stored.shape.join() !== weight.shape.join())
      throw new Error(
        `Pretrained weight “${stored.name}” is [${stored.shape.join(", ")}], the model needs [${weight.shape.join(", ")}].`,
      );
    weight.write(tf.tensor(stored.values, stored.shape));
    applied++;
  }
  return applied;
}

/**
 * Keras runs a frozen BatchNormalization in inference mode (its moving statistics stay as loaded);
 * tf.js has no such rule, so the frozen ones are told so here.
 */
function freezeLayers(model: tf.LayersModel, frozenIds: Set<string>): void {
  // A Sequential builds its inner model on first use and then marks every weight trainable again:
  // build it first, so the flags set here stay.
  if (model instanceof tf.Sequential) model.build();
  for (const layer of model.layers) {
    const frozen = frozenIds.has(layer.name);
    layer.trainable = !frozen;
    if (frozen && layer.getClassName() === "BatchNormalization") {
      const call = layer.call.bind(layer);
      layer.call = (inputs, kwargs) => call(inputs, { ...kwargs, training: false });
    }
  }
}

/**
 * The backbone's output for every picture of `split`, row-major [rows, featureCount], in batches
 * (inference mode). `onBatch` gets the pictures done so far.
 */
export async function extractFeatures(
  backbone: tf.LayersModel,
  data: AnyTrainingData,
  split: DataSplit,
  batchSize: number,
  onBatch?: (done: number) => void,
): Promise<Float32Array> {
  const values = isImageSplit(split) ? split.pixels : split.x;
  const shape = exampleShape(data);
  const featureCount = (backbone.outputs[0]?.shape ?? [])
    .slice(1)
    .reduce<number>((n, d) => n * (d ?? 1), 1);
  const out = new Float32Array(split.rows * featureCount);
  for (let start = 0; start < split.rows; start += batchSize) {
    const end = Math.min(split.rows, start + batchSize);
    const features = tf.tidy(() => {
      const x = tf.tensor(featureRange(values, start, end, data.featureCount), [
        end - start,
        ...shape,
      ]);
      return backbone.predict(x) as tf.Tensor;
    });
    out.set((await features.data()) as Float32Array, start * featureCount);
    features.dispose();
    onBatch?.(end);
  }
  return out;
}

/** Features of train and validation, from the cache when this dataset and backbone were seen. */
async function cachedFeatures(
  backbone: tf.LayersModel,
  options: TransferOptions,
  split: FrozenSplit,
): Promise<{ train: Float32Array; validation: Float32Array }> {
  const { data, cache, callbacks } = options;
  const total = data.train.rows + data.validation.rows;
  const key = featureCacheKey(options.spec, split, options.pretrained, data);
  const hit = cache?.get(key);
  if (hit) {
    callbacks?.onFeatures?.(total, total, true);
    return hit;
  }
  const report = (offset: number) => (done: number) =>
    callbacks?.onFeatures?.(offset + done, total, false);
  const train = await extractFeatures(backbone, data, data.train, 64, report(0));
  const validation = await extractFeatures(
    backbone,
    data,
    data.validation,
    64,
    report(data.train.rows),
  );
  const features = { train, validation };
  cache?.set(key, features);
  return features;
}

export interface TransferResult {
  /** The whole model (backbone + head), holding the trained weights. */
  model: tf.LayersModel;
  outcome: TrainOutcome;
}

/**
 * Trains the head of `spec` (its trainable layers) on its frozen backbone, then fine-tunes when
 * asked. The backbone's weights come from `pretrained` and stay exactly as given unless fine-tuning
 * unfreezes them. Runs on the active tf.js backend.
 */
export async function trainTransfer(options: TransferOptions): Promise<TransferResult> {
  const { spec, data, config, callbacks = {} } = options;
  const split = frozenSplit(spec);
  if (!split) throw new Error("The model has no pretrained (frozen) layers.");
  const model = buildModel(tf, spec, { seed: config.seed });
  try {
    applyNamedWeights(model, options.pretrained);
    const frozen = new Set(split.backboneIds);
    freezeLayers(model, frozen);
    let outcome: TrainOutcome;
    if (data.augmentation) {
      outcome = await trainLoop(model, data, config, callbacks);
    } else {
      outcome = await trainHeadOnFeatures(model, options, split);
    }
    if (options.fineTune && options.fineTune.layers > 0) {
      for (const id of topWeightedLayers(spec, split, options.fineTune.layers)) frozen.delete(id);
      freezeLayers(model, frozen);
      const offset = outcome.history.length;
      const fine = await trainLoop(
        model,
        data,
        {
          ...config,
          epochs: options.fineTune.epochs,
          learningRate: config.learningRate * options.fineTune.learningRateFactor,
        },
        {
          ...callbacks,
          onBatch: (p) => callbacks.onBatch?.({ ...p, epoch: p.epoch + offset }),
          onEpoch: (m, checkpoint) =>
            callbacks.onEpoch?.({ ...m, epoch: m.epoch + offset }, checkpoint),
        },
      );
      outcome = {
        reason: fine.reason,
        bestEpoch: fine.bestEpoch + offset,
        history: [
          ...outcome.history,
          ...fine.history.map((m) => ({ ...m, epoch: m.epoch + offset })),
        ],
      };
    }
    // Frozen layers list their weights after the trainable ones; everything trainable again gives
    // the order a fresh build of the spec has, which TrainedModel.weights must follow.
    for (const layer of model.layers) layer.trainable = true;
    return { model, outcome };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

/** Phase one without augmentation: the head alone, on cached features; its weights go back in. */
async function trainHeadOnFeatures(
  model: tf.LayersModel,
  options: TransferOptions,
  split: FrozenSplit,
): Promise<TrainOutcome> {
  const { data, config, callbacks = {} } = options;
  const cut = model.getLayer(split.cutId).output as tf.SymbolicTensor;
  const backbone = tf.model({ inputs: model.inputs, outputs: cut });
  const features = await cachedFeatures(backbone, options, split);
  const featureCount = split.featureShape.reduce((n, d) => n * d, 1);
  const asSplit = (x: Float32Array, from: DataSplit): ArraySplit => ({
    x,
    y: from.y,
    rows: from.rows,
  });
  const headData: AnyTrainingData = {
    task: data.task,
    featureCount,
    classCount: data.classCount,
    train: asSplit(features.train, data.train),
    validation: asSplit(features.validation, data.validation),
    targetScale: data.targetScale,
  };
  const head = buildModel(tf, headSpec(options.spec, split), { seed: config.seed });
  try {
    const outcome = await trainLoop(head, headData, config, callbacks);
    for (const layer of head.layers) {
      if (layer.getClassName() === "InputLayer") continue;
      model.getLayer(layer.name).setWeights(layer.getWeights());
    }
    return outcome;
  } finally {
    head.dispose();
  }
}
