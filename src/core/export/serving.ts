/**
 * Serving configs: Triton's `config.pbtxt` for the model repository in `triton/` and a KServe
 * InferenceService that serves that repository with Triton over the Open Inference Protocol (v2).
 */
import type { PipelineTensor } from "./pipeline/pipelineOnnx";

/** The most rows Triton batches into one call. */
export const MAX_BATCH_SIZE = 256;

/** A tensor as the serving side names it (shape without the batch dimension). */
export type ServedTensor = PipelineTensor;

export interface ServedSignature {
  inputs: ServedTensor[];
  outputs: ServedTensor[];
}

/** Triton's data_type and the v2 protocol's datatype for each element type. */
export const TRITON_TYPE = { float: "TYPE_FP32", string: "TYPE_STRING" } as const;
export const V2_DATATYPE = { float: "FP32", string: "BYTES" } as const;

/** A protobuf text-format string literal. */
const quoted = (text: string) => JSON.stringify(text);

function tensorBlock(tensor: ServedTensor): string {
  return [
    "  {",
    `    name: ${quoted(tensor.name)}`,
    `    data_type: ${TRITON_TYPE[tensor.type]}`,
    `    dims: [ ${tensor.shape.join(", ")} ]`,
    "  }",
  ].join("\n");
}

/**
 * Triton's model configuration: ONNX Runtime, batching on the first dimension (so `dims` leave it
 * out), one entry per graph input and output with the graph's names and types.
 */
export function tritonConfig(name: string, signature: ServedSignature): string {
  return [
    `name: ${quoted(name)}`,
    `platform: "onnxruntime_onnx"`,
    `max_batch_size: ${MAX_BATCH_SIZE}`,
    `input [\n${signature.inputs.map(tensorBlock).join(",\n")}\n]`,
    `output [\n${signature.outputs.map(tensorBlock).join(",\n")}\n]`,
    "",
  ].join("\n");
}

/**
 * A KServe InferenceService (v1beta1) serving the bundle's `triton/` folder, uploaded to
 * `storageUri`, with Triton and the v2 protocol. Requests go to `/v2/models/<name>/infer`.
 */
export function kserveInferenceService(name: string, storageUri: string): string {
  return [
    "# Upload the bundle's triton/ folder (the model repository) to storageUri, then:",
    "#   kubectl apply -f inference-service.yaml",
    "apiVersion: serving.kserve.io/v1beta1",
    "kind: InferenceService",
    "metadata:",
    `  name: ${name}`,
    "spec:",
    "  predictor:",
    "    model:",
    "      modelFormat:",
    "        name: onnx",
    "      protocolVersion: v2",
    "      runtime: kserve-tritonserver",
    `      storageUri: ${storageUri}`,
    "",
  ].join("\n");
}

/** Where the card and the InferenceService assume the repository was uploaded. */
export const storageUriFor = (name: string) => `s3://YOUR-BUCKET/${name}/triton`;
