import type * as tf from "@tensorflow/tfjs";
import { PIXEL_SCALE } from "../core/train/batchSource";
import { occlusionSaliency, type Saliency } from "../core/eval/occlusion";
import { interpretOutputs, type Prediction } from "../core/predict/interpret";
import type { TrainedModel } from "../core/project/trainedModel";
import { predictRows } from "../core/train/predictRows";
import type { PredictEngine } from "./predictService";

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
  return interpretOutputs(
    outputs,
    count,
    model.preprocessing,
    model.labels,
    model.decisionThreshold,
  );
}

/** The occlusion map (core/eval/occlusion) of one picture for the class at `classIndex`. */
export async function pictureSaliency(
  model: TrainedModel,
  network: tf.LayersModel,
  pixels: Uint8Array,
  classIndex: number,
  onProgress: (done: number, total: number) => void,
  beforeBatch?: () => Promise<void>,
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
    { onProgress, beforeBatch },
  );
}

/** Try-it for pictures on the predict worker's engine (its cached network). */
export class PicturePredictor {
  /** Counts pictures asked about, so a map still being made for an older one is abandoned. */
  private generation = 0;

  constructor(private readonly engine: PredictEngine) {}

  async predict(
    modelId: string,
    model: TrainedModel | undefined,
    pixels: Uint8Array,
  ): Promise<Prediction> {
    this.generation++;
    const { trained, network } = this.engine.network(modelId, model);
    const [prediction] = await predictPictures(trained, network, pixels, 1);
    if (!prediction) throw new Error("The model gave no answer.");
    return prediction;
  }

  async saliency(
    modelId: string,
    model: TrainedModel | undefined,
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<Saliency> {
    const { trained, network } = this.engine.network(modelId, model);
    const generation = ++this.generation;
    // Between batches the worker lets messages in; a newer picture makes this map moot.
    const beforeBatch = async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (generation !== this.generation) {
        throw new Error("A newer picture replaced this one before its map was finished.");
      }
    };
    return pictureSaliency(trained, network, pixels, classIndex, onProgress, beforeBatch);
  }
}
