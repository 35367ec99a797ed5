/**
 * Predictions from a TrainedModel (plain data): build the tf.js model, encode raw records with the
 * fitted preprocessing, predict, and give the answer in the target's units. What try-it does in a
 * worker and what the bundle's example response is computed with.
 */
import type * as tfTypes from "@tensorflow/tfjs";
import { inverseTarget, transformRecord } from "../data/preprocess";
import type { Preprocessing } from "../data/types";
import { buildModel } from "../model/build";
import { predictRows } from "../train/predictRows";
import type { StoredTensor } from "../train/types";
import type { RawRecord, TrainedModel } from "./trainedModel";

type Tf = typeof tfTypes;

/**
 * The model's input row for one raw record: Float32Array [featureCount] in
 * `preprocessing.featureNames` order, exactly as training encoded its rows (`transformRecord`).
 */
export function preprocessRecord(preprocessing: Preprocessing, record: RawRecord): Float32Array {
  return transformRecord(record, preprocessing);
}

/**
 * Builds the tf.js model for `spec` and sets `weights` (in `model.weights` order). Checks each
 * stored weight's name and shape first, so weights of another model fail loudly. Caller disposes.
 */
export function buildTrainedModel(
  tf: Tf,
  model: Pick<TrainedModel, "spec" | "weights">,
): tfTypes.LayersModel {
  const layers = buildModel(tf, model.spec, { seed: 0 });
  try {
    const expected = layers.weights;
    if (expected.length !== model.weights.length) {
      throw new Error(
        `The model has ${expected.length} weights but ${model.weights.length} were given.`,
      );
    }
    expected.forEach((variable, i) => {
      const stored = model.weights[i] as StoredTensor;
      const same =
        variable.originalName === stored.name &&
        variable.shape.length === stored.shape.length &&
        variable.shape.every((d, k) => d === stored.shape[k]);
      if (!same) {
        throw new Error(
          `Weight ${i} should be ${variable.originalName} [${variable.shape.join(", ")}] but is ${stored.name} [${stored.shape.join(", ")}].`,
        );
      }
    });
    const tensors = model.weights.map((w) => tf.tensor(w.values, w.shape, "float32"));
    layers.setWeights(tensors);
    tf.dispose(tensors);
    return layers;
  } catch (error) {
    layers.dispose();
    throw error;
  }
}

/**
 * The answer for each raw record, one row each: class probabilities [classes] in `labels` order
 * (classification) or [1] value in the target's units (regression, float64 from the float32 output).
 */
export async function predictRecords(
  tf: Tf,
  model: Pick<TrainedModel, "spec" | "weights" | "preprocessing">,
  records: RawRecord[],
): Promise<number[][]> {
  const { preprocessing } = model;
  const width = preprocessing.featureNames.length;
  const x = new Float32Array(records.length * width);
  records.forEach((record, r) => x.set(preprocessRecord(preprocessing, record), r * width));
  const layers = buildTrainedModel(tf, model);
  try {
    const output = tf.tidy(
      () => layers.predict(tf.tensor2d(x, [records.length, width])) as tfTypes.Tensor,
    );
    const values = await output.data();
    const outputWidth = output.shape[1] ?? 1;
    output.dispose();
    return records.map((_, r) => {
      const row = Array.from(values.subarray(r * outputWidth, (r + 1) * outputWidth));
      return preprocessing.label.kind === "standardized"
        ? row.map((v) => inverseTarget(preprocessing, v))
        : row;
    });
  } finally {
    layers.dispose();
  }
}

/**
 * Image models: the class probabilities [classes] of each picture, one row each. `pixels` holds
 * `count` pictures as bytes [count, H, W, C] (0–255, the shape the model's preprocessing names);
 * they reach the network as pixel / 255, exactly as training fed them.
 */
export async function predictImages(
  tf: Tf,
  model: Pick<TrainedModel, "spec" | "weights" | "preprocessing">,
  pixels: Uint8Array,
  count: number,
): Promise<number[][]> {
  const image = model.preprocessing.image;
  if (!image) throw new Error("This model does not read pictures.");
  const shape = [image.size, image.size, image.channels];
  const perImage = image.size * image.size * image.channels;
  if (pixels.length !== count * perImage) {
    throw new Error(
      `${count} pictures of ${shape.join("×")} need ${count * perImage} bytes, not ${pixels.length}.`,
    );
  }
  const layers = buildTrainedModel(tf, model);
  try {
    const outputs = await predictRows(layers, pixels, count, perImage, 256, shape);
    const width = outputs.length / Math.max(1, count);
    return Array.from({ length: count }, (_, r) =>
      Array.from(outputs.subarray(r * width, (r + 1) * width)),
    );
  } finally {
    layers.dispose();
  }
}
