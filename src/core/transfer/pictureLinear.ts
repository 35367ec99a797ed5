/**
 * The picture report's linear baseline: L2 logistic regression (C = 1, as for tables) on the frozen
 * backbone's features when the model has a backbone, else on the pictures averaged down to about
 * 8×8 per channel (so the fit stays quick). Fitted on the training split only; its test outputs
 * fill the report's linear column, and its spec and weights make "Use the linear model" a model
 * like any other (see core/model/pictureLinearModel).
 */
import * as tf from "@tensorflow/tfjs";
import { logisticIterationCap } from "../eval/linearBaseline";
import { fitLogistic, predictLogistic, type LogisticModel } from "../eval/logistic";
import { buildModel } from "../model/build";
import {
  backboneLinearModel,
  pictureLinearInputs,
  pixelLinearModel,
  pixelPoolSize,
  pooledSide,
  poolPixels,
} from "../model/pictureLinearModel";
import type { ModelSpec } from "../model/spec";
import { storeModelWeights } from "../train/state";
import type { AnyTrainingData, ImageSplit, StoredTensor } from "../train/types";
import { featureCacheKey, type FeatureCache } from "./featureCache";
import { frozenSplit } from "./frozen";
import { applyNamedWeights, extractFeatures } from "./train";

export interface PictureLinearFit {
  /** Test outputs, [rows, classCount] probabilities. */
  outputs: Float64Array;
  fitted: LogisticModel;
  iterations: number;
  converged: boolean;
  /** The linear model as a spec and its weights in a fresh build's order. */
  spec: ModelSpec;
  weights: StoredTensor[];
  /** What it saw, in words: "the 64 features of the frozen shapes-cnn", "the pictures averaged…". */
  inputs: string;
}

/** The backbone's name as the canvas groups it ("shapes-cnn"), or "backbone". */
function backboneName(spec: ModelSpec): string {
  return spec.nodes.find((n) => n.trainable === false && n.group)?.group ?? "backbone";
}

function fit(x: Float32Array, split: ImageSplit, features: number, classCount: number) {
  return fitLogistic(x, split.y, split.rows, features, classCount, {
    maxIterations: logisticIterationCap(split.rows, features, classCount),
  });
}

/**
 * On raw pixels: pure JavaScript, no backend needed. data: a picture classification's training
 * data (inputShape [size, size, channels]); test: its test pictures' bytes.
 */
export function fitPixelLinear(
  data: AnyTrainingData,
  test: { x: Uint8Array; rows: number },
): PictureLinearFit {
  const [size = 0, , channels = 1] = data.inputShape ?? [];
  const train = data.train as ImageSplit;
  const pool = pixelPoolSize(size);
  const side = pooledSide(size, pool);
  const features = side * side * channels;
  const fitted = fit(
    poolPixels(train.pixels, train.rows, size, channels, pool),
    train,
    features,
    data.classCount,
  );
  const outputs = predictLogistic(
    fitted,
    poolPixels(test.x, test.rows, size, channels, pool),
    test.rows,
  );
  const { spec, weights } = pixelLinearModel(fitted, { size, channels, pool });
  return {
    outputs,
    fitted,
    iterations: fitted.iterations,
    converged: fitted.converged,
    spec,
    weights,
    inputs: pictureLinearInputs({ kind: "pixels", side }),
  };
}

/**
 * On the frozen backbone of `spec` (weights `pretrained`): its features of the training pictures
 * (from `cache` when the head's training computed them) and of the test pictures, a logistic fit on
 * the former, and the backbone + Dense softmax model holding it. Runs on the active tf.js backend.
 */
export async function fitBackboneLinear(input: {
  spec: ModelSpec;
  pretrained: StoredTensor[];
  data: AnyTrainingData;
  test: { x: Uint8Array; rows: number };
  cache?: FeatureCache;
}): Promise<PictureLinearFit> {
  const { spec: network, data, test } = input;
  const split = frozenSplit(network);
  if (!split) throw new Error("The model has no frozen backbone.");
  const features = split.featureShape.reduce((n, d) => n * d, 1);
  // Fitted first on placeholder weights, so that the model can be built to extract features.
  const placeholder: LogisticModel = {
    kind: "logistic",
    features,
    classCount: data.classCount,
    fittedClasses: [],
    coef: new Float64Array(0),
    intercept: new Float64Array(0),
    iterations: 0,
    converged: true,
  };
  const shell = backboneLinearModel(
    network,
    split.backboneIds,
    split.cutId,
    split.featureShape,
    placeholder,
  );
  const model = buildModel(tf, shell.spec, { seed: 0 });
  try {
    applyNamedWeights(model, input.pretrained);
    const cut = model.getLayer(split.cutId).output as tf.SymbolicTensor;
    const backbone = tf.model({ inputs: model.inputs, outputs: cut });
    const cached = input.cache?.get(featureCacheKey(network, split, input.pretrained, data));
    const trainFeatures = cached?.train ?? (await extractFeatures(backbone, data, data.train, 64));
    const testSplit: ImageSplit = {
      pixels: test.x,
      y: new Float32Array(test.rows),
      rows: test.rows,
    };
    const testFeatures = await extractFeatures(backbone, data, testSplit, 64);
    const fitted = fit(trainFeatures, data.train as ImageSplit, features, data.classCount);
    const { denseWeights } = backboneLinearModel(
      network,
      split.backboneIds,
      split.cutId,
      split.featureShape,
      fitted,
    );
    applyNamedWeights(model, denseWeights);
    for (const layer of model.layers) layer.trainable = true;
    return {
      outputs: predictLogistic(fitted, testFeatures, test.rows),
      fitted,
      iterations: fitted.iterations,
      converged: fitted.converged,
      spec: shell.spec,
      weights: await storeModelWeights(model),
      inputs: pictureLinearInputs({ kind: "backbone", name: backboneName(network), features }),
    };
  } finally {
    model.dispose();
  }
}
