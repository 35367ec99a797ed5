/**
 * The ONNX files of a bundle, written from the TrainedModel alone (pure: no tf.js): the network,
 * the table pipeline (raw columns in) and the copy Triton serves. The bundle writer uses this, and
 * so does the studio's server, which runs only ONNX it wrote itself from a validated TrainedModel
 * and refuses an uploaded bundle whose ONNX files are not byte for byte what this writes.
 */
import type { TrainedModel } from "../project/trainedModel";
import { BUNDLE_FILES, servesPipeline, servingModelName, tritonFiles } from "./bundleLayout";
import { exportOnnxModel, onnxGraphParts } from "./onnx/model";
import { namePrefix, pipelineOnnxModel, pipelineSignature } from "./pipeline/pipelineOnnx";
import type { ServedSignature } from "./serving";

/** Prefix of the network's names inside pipeline.onnx, so they cannot meet the column names. */
const NETWORK_PREFIX = "net/";

export interface ServedOnnx {
  /** The bundle entry a server runs: onnx/pipeline.onnx for tables, else onnx/model.onnx. */
  entry: string;
  /** Its bytes (the same bytes Triton's repository holds). */
  bytes: Uint8Array;
  signature: ServedSignature;
  /** The bare network (onnx/model.onnx). */
  network: Uint8Array;
}

/**
 * The network and the served model (the pipeline for tables, else the network) with its signature.
 * Throws OnnxExportError (naming the layers) when the network cannot be written to ONNX.
 */
export function servedOnnx(model: TrainedModel): ServedOnnx {
  const graphName = servingModelName(model.name);
  const network = exportOnnxModel(model.spec, model.weights, { graphName });
  if (servesPipeline(model)) {
    const columns = model.preprocessing.inputs.map((t) => t.column);
    const prefix = namePrefix(NETWORK_PREFIX, columns);
    const parts = onnxGraphParts(model.spec, model.weights, { prefix });
    const width = parts.outputs[0]?.shape.reduce((a, b) => a * b, 1) ?? 0;
    const { inputs, output } = pipelineSignature(model.preprocessing, width);
    return {
      entry: BUNDLE_FILES.onnxPipeline,
      bytes: pipelineOnnxModel(model.preprocessing, parts, graphName),
      signature: { inputs, outputs: [output] },
      network,
    };
  }
  const parts = onnxGraphParts(model.spec, model.weights);
  const tensors = (list: Array<{ name: string; shape: number[] }>) =>
    list.map(({ name, shape }) => ({ name, shape, type: "float" as const }));
  return {
    entry: BUNDLE_FILES.onnxModel,
    bytes: network,
    signature: { inputs: tensors(parts.inputs), outputs: tensors(parts.outputs) },
    network,
  };
}

/** Every ONNX file of the model's bundle by its path in the zip. */
export function onnxBundleFiles(model: TrainedModel, served = servedOnnx(model)) {
  const files: Record<string, Uint8Array> = {
    [BUNDLE_FILES.onnxModel]: served.network,
    [tritonFiles(model).model]: served.bytes,
  };
  if (served.entry === BUNDLE_FILES.onnxPipeline) files[BUNDLE_FILES.onnxPipeline] = served.bytes;
  return files;
}
