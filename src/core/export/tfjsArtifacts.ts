/**
 * The tf.js files of a bundle: `tfjs/model.json` (the Keras-format topology tf.js itself writes,
 * plus the weights manifest) and one weights shard. `tf.loadLayersModel` reads them as they are, and
 * `tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras` turns them into
 * a Keras .h5 file.
 */
import type * as tfTypes from "@tensorflow/tfjs";
import { buildTrainedModel } from "../project/predict";
import type { TrainedModel } from "../project/trainedModel";

type Tf = typeof tfTypes;

/** The shard's file name inside `tfjs/`, as model.json's manifest names it. */
export const TFJS_SHARD_NAME = "group1-shard1of1.bin";

export interface TfjsArtifacts {
  /** The parsed model.json: `{format, generatedBy, convertedBy, modelTopology, weightsManifest}`. */
  modelJson: tfTypes.io.ModelJSON;
  /** Every weight as little-endian float32, in the manifest's order. */
  weightData: Uint8Array;
}

/** model.json and the weights shard for a trained model, written by tf.js's own `model.save`. */
export async function tfjsArtifacts(
  tf: Tf,
  model: Pick<TrainedModel, "spec" | "weights">,
): Promise<TfjsArtifacts> {
  const layers = buildTrainedModel(tf, model);
  let saved: tfTypes.io.ModelArtifacts | null = null;
  try {
    await layers.save(
      tf.io.withSaveHandler(async (artifacts) => {
        saved = artifacts;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }),
    );
  } finally {
    layers.dispose();
  }
  const artifacts = saved as tfTypes.io.ModelArtifacts | null;
  if (!artifacts?.modelTopology || !artifacts.weightSpecs) {
    throw new Error("tf.js saved no topology or weights.");
  }
  const data = artifacts.weightData;
  const buffer = data === undefined ? new ArrayBuffer(0) : tf.io.concatenateArrayBuffers(data);
  return {
    modelJson: {
      format: "layers-model",
      generatedBy: `TensorFlow.js tfjs-layers v${tf.version["tfjs-layers"]}`,
      convertedBy: "Model Studio",
      modelTopology: artifacts.modelTopology,
      weightsManifest: [{ paths: [TFJS_SHARD_NAME], weights: artifacts.weightSpecs }],
    },
    weightData: new Uint8Array(buffer),
  };
}
