import type * as tf from "@tensorflow/tfjs";
import { PIXEL_SCALE } from "../core/train/batchSource";
import { occlusionSaliency, type Saliency } from "../core/eval/occlusion";
import { interpretOutputs, type Prediction } from "../core/predict/interpret";
import type { TrainedModel } from "../core/project/trainedModel";
import { predictRows } from "../core/train/loop";

/**
 * Try-it for image models, in the predict worker: pictures arrive as the bytes the data worker
 * made of them ([count, size, size, channels], 0–255, as the dataset's were) and are scaled as
 * the model's preprocessing says ("unit": / 255) before the network sees them.
 */

/** The model's [size, size, channels], or an error for a model that does not take pictures. */
function pictureShapeOf(model: TrainedModel): [number, number, number] {
  const image = model.preprocessing.image;
  if (!image) throw new Error("This model takes table rows, not pictures.");
  return [image.size, image.size, image.channels];
}

/** Bytes to the floats the model was trained on, after checking they are `count` pictures of its shape. */
function scaledPictures(model: TrainedModel, pixels: Uint8Array, count: number): Float32Array {
  const [height, width, channels] = pictureShapeOf(model);
  const perImage = height * width * channels;
  if (count < 1 || pixels.length !== count * perImage) {
    throw new Error(
      `The picture has ${pixels.length} values but the model takes ${height}×${width}×${channels} = ${perImage} per picture.`,
    );
  }
  return Float32Array.from(pixels, (value) => value * PIXEL_SCALE);
}

/** One Prediction per picture: each class with its probability. */
export async function predictPictures(
  model: TrainedModel,
  network: tf.LayersModel,
  pixels: Uint8Array,
  count: number,
): Promise<Prediction[]> {
  const shape = pictureShapeOf(model);
  const x = scaledPictures(model, pixels, count);
  const perImage = x.length / count;
  const outputs = await predictRows(network, x, count, perImage, 64, shape);
  return interpretOutputs(outputs, count, model.preprocessing, model.labels);
}

/** The occlusion map (core/eval/occlusion) of one picture for the class at `classIndex`. */
export async function pictureSaliency(
  model: TrainedModel,
  network: tf.LayersModel,
  pixels: Uint8Array,
  classIndex: number,
  onProgress: (done: number, total: number) => void,
): Promise<Saliency> {
  const shape = pictureShapeOf(model);
  const [size, , channels] = shape;
  const image = scaledPictures(model, pixels, 1);
  return occlusionSaliency(
    image,
    size,
    channels,
    classIndex,
    (pictures, count) => predictRows(network, pictures, count, image.length, 32, shape),
    { onProgress },
  );
}
