/**
 * Where each file sits in a bundle (.zip). One place, so the writer, the reader, the model card and
 * the tests agree on every name.
 */
import type { TrainedModel } from "../project/trainedModel";
import { TFJS_SHARD_NAME } from "./tfjsArtifacts";

export const BUNDLE_FILES = {
  /** The TrainedModel without weight values (they are in the tf.js shard): what import reads. */
  trainedModel: "trained-model.json",
  tfjsModel: "tfjs/model.json",
  tfjsWeights: `tfjs/${TFJS_SHARD_NAME}`,
  onnxModel: "onnx/model.onnx",
  onnxPipeline: "onnx/pipeline.onnx",
  kserve: "kserve/inference-service.yaml",
  preprocessing: "preprocessing.json",
  spec: "spec.json",
  metrics: "metrics.json",
  card: "model-card.md",
  v2Request: "examples/v2-request.json",
  v2Response: "examples/v2-response.json",
} as const;

/**
 * The name a server knows the model by (Triton's folder, KServe's metadata.name, the v2 URL): the
 * model's name in lower case, runs of other characters turned into "-", starting with a letter and
 * at most 45 characters (KServe derives longer names from it that must stay under 63).
 */
export function servingModelName(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents, split off by NFKD
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  const lettered = /^[a-z]/.test(slug) ? slug : `model-${slug}`;
  return lettered.slice(0, 45).replace(/-+$/, "") || "model";
}

/**
 * The file name to offer for download, e.g. `iris-species.zip`. A name that would be the data's
 * own (a picture model of `digits32.zip` is named `digits32`) gets `-model`, so the export never
 * takes the name of, or overwrites, the file it was trained on: `digits32-model.zip`.
 */
export function bundleDownloadName(
  model: Pick<TrainedModel, "name"> & { dataset?: { fileName: string } },
) {
  const name = servingModelName(model.name);
  const dataStem = model.dataset?.fileName.replace(/\.[^.]*$/, "").toLowerCase();
  return name === dataStem || `${name}.zip` === model.dataset?.fileName.toLowerCase()
    ? `${name}-model.zip`
    : `${name}.zip`;
}

/** Whether the bundle serves the table pipeline (raw columns in) or the bare network. */
export const servesPipeline = (model: Pick<TrainedModel, "preprocessing">) =>
  model.preprocessing.inputs.length > 0;

/** Triton's repository files for a model. */
export function tritonFiles(model: Pick<TrainedModel, "name">) {
  const folder = `triton/${servingModelName(model.name)}`;
  return { config: `${folder}/config.pbtxt`, model: `${folder}/1/model.onnx` };
}

/** Every file a bundle of `model` holds, in the order they are written. */
export function bundleFileNames(model: Pick<TrainedModel, "name" | "preprocessing">): string[] {
  const triton = tritonFiles(model);
  const f = BUNDLE_FILES;
  return [
    f.card,
    f.trainedModel,
    f.tfjsModel,
    f.tfjsWeights,
    f.onnxModel,
    ...(servesPipeline(model) ? [f.onnxPipeline] : []),
    triton.config,
    triton.model,
    f.kserve,
    f.preprocessing,
    f.spec,
    f.metrics,
    f.v2Request,
    f.v2Response,
  ];
}
