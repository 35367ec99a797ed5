/**
 * Export: a TrainedModel as one bundle (.zip) — tf.js files, ONNX (the network, and for tables the
 * raw-column pipeline), a Triton repository, a KServe InferenceService, the preprocessing, spec and
 * metrics as JSON, a model card, and an example v2 request with the response it gets. Pure: the
 * caller passes tf.js (any backend; a worker uses its own), nothing touches the page.
 */
import type * as tfTypes from "@tensorflow/tfjs";
import { zipSync, type Zippable } from "fflate";
import type { TrainedModel } from "../project/trainedModel";
import { predictImages, predictRecords } from "../project/predict";
import { sampleImageOf, sampleImagePixels } from "../project/sampleImages";
import { BUNDLE_FILES, bundleFileNames, servingModelName, tritonFiles } from "./bundleLayout";
import { BUNDLE_MAX_BYTES, BundleError } from "./bundleZip";
import { modelCard } from "./modelCard";
import { onnxBundleFiles, servedOnnx } from "./servedOnnx";
import {
  kserveInferenceService,
  storageUriFor,
  tritonConfig,
  type ServedSignature,
} from "./serving";
import { v2Example, v2ImageExample, v2Response, type V2Example } from "./servingExample";
import { tfjsArtifacts } from "./tfjsArtifacts";

export { bundleDownloadName, bundleFileNames } from "./bundleLayout";

type Tf = typeof tfTypes;

const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value, null, 2));
const text = (value: string) => new TextEncoder().encode(value);

/** What trained-model.json holds: the TrainedModel with each weight's name and shape only. */
export function trainedModelFile(model: TrainedModel) {
  return { ...model, weights: model.weights.map(({ name, shape }) => ({ name, shape })) };
}

/**
 * The example request and the answer tf.js gives it: from the first sample picture (image models)
 * or the first sample row (tables; an empty row when none was kept).
 */
async function servingExampleOf(
  model: TrainedModel,
  signature: ServedSignature,
  tf: Tf,
): Promise<{ example: V2Example; expected: number[] }> {
  const { image } = model.preprocessing;
  if (image) {
    // A model saved before pictures were kept gets a black picture (the card says so).
    const shape = [image.size, image.size, image.channels] as const;
    const picture =
      model.sampleImages?.[0] ??
      sampleImageOf("", [...shape], new Uint8Array(shape[0] * shape[1] * shape[2]));
    const [expected] = await predictImages(tf, model, sampleImagePixels(picture), 1);
    return { example: v2ImageExample(signature, picture), expected: expected ?? [] };
  }
  const record = model.sampleRows[0] ?? {};
  const [expected] = await predictRecords(tf, model, [record]);
  return { example: v2Example(model.preprocessing, signature, record), expected: expected ?? [] };
}

/**
 * metrics.json: the report and curves, and for two classes the decision threshold the person chose
 * (0.5 when none was) with the class it decides.
 */
export function metricsFile(model: TrainedModel) {
  const binary = model.task === "classification" && model.labels.length === 2;
  return {
    report: model.report,
    history: model.history,
    ...(binary
      ? {
          decisionThreshold: {
            positiveClass: model.labels[1],
            threshold: model.decisionThreshold ?? 0.5,
            chosen: model.decisionThreshold !== undefined,
          },
        }
      : {}),
  };
}

/**
 * Every file of the bundle by its path in the zip (the names `bundleFileNames(model)` lists).
 * Throws OnnxExportError (naming the layers) when the network cannot be written to ONNX.
 */
export async function bundleFiles(
  model: TrainedModel,
  tf: Tf,
): Promise<Record<string, Uint8Array>> {
  const name = servingModelName(model.name);
  const tfjs = await tfjsArtifacts(tf, model);
  const served = servedOnnx(model);
  const { example, expected } = await servingExampleOf(model, served.signature, tf);
  const response = v2Response(name, served.signature, [expected]);
  const triton = tritonFiles(model);
  const f = BUNDLE_FILES;
  const files: Record<string, Uint8Array> = {
    [f.card]: text(
      modelCard({ model, servingName: name, signature: served.signature, example, response }),
    ),
    [f.trainedModel]: json(trainedModelFile(model)),
    [f.tfjsModel]: json(tfjs.modelJson),
    [f.tfjsWeights]: tfjs.weightData,
    ...onnxBundleFiles(model, served),
    [triton.config]: text(tritonConfig(name, served.signature)),
    [f.kserve]: text(kserveInferenceService(name, storageUriFor(name))),
    [f.preprocessing]: json(model.preprocessing),
    [f.spec]: json(model.spec),
    [f.metrics]: json(metricsFile(model)),
    [f.v2Request]: json(example.request),
    [f.v2Response]: json(response),
  };
  const missing = bundleFileNames(model).filter((path) => !(path in files));
  if (missing.length > 0) throw new Error(`The bundle lacks ${missing.join(", ")}.`);
  return files;
}

/**
 * Refuses to write a bundle the studio could not import again (over `maxBytes` unpacked): better an
 * error at export, while the model is still here, than a file that fails later.
 * @throws BundleError
 */
export function checkBundleSize(files: Record<string, Uint8Array>, maxBytes = BUNDLE_MAX_BYTES) {
  const total = Object.values(files).reduce((n, data) => n + data.length, 0);
  if (total > maxBytes) {
    const mb = (bytes: number) => `${Math.ceil(bytes / (1024 * 1024))} MB`;
    throw new BundleError(
      `The bundle would hold ${mb(total)}, more than the ${mb(maxBytes)} the studio can import again (it holds the weights in four forms). Use fewer or smaller layers.`,
    );
  }
}

/**
 * The bundle (.zip bytes) of a trained model; `readBundle` turns it back into the same model.
 * Text is deflated; the binaries (weights, ONNX) are stored: float32 weights shrink by under 10%
 * and deflating them took most of the export time (1.4–2.2 s of it for a million parameters).
 */
export async function buildBundle(model: TrainedModel, tf: Tf): Promise<Uint8Array> {
  const files = await bundleFiles(model, tf);
  checkBundleSize(files);
  const mtime = Number.isNaN(Date.parse(model.createdAt)) ? undefined : new Date(model.createdAt);
  const zippable: Zippable = {};
  for (const path of bundleFileNames(model)) {
    const data = files[path] as Uint8Array;
    const binary = path.endsWith(".bin") || path.endsWith(".onnx");
    zippable[path] = [data, { level: binary ? 0 : 6, ...(mtime ? { mtime } : {}) }];
  }
  return zipSync(zippable);
}
