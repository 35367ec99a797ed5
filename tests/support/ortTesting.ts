/**
 * Test support (Node only): runs ONNX files through the real ONNX Runtime (onnxruntime-web's wasm
 * build). The Python checker lives in onnxTestHarness.ts (`checkOnnxFiles`).
 */
import * as ort from "onnxruntime-web";
import type { PipelineInputValues } from "../../src/core/export/pipeline/pipelineInputs";

ort.env.wasm.numThreads = 1;

/** Runs `model` on inputs shaped [rows, 1] (or as given) and returns every output's float data. */
export async function runOnnx(
  model: Uint8Array,
  inputs: Record<
    string,
    PipelineInputValues | { type: "float"; values: Float32Array; shape: number[] }
  >,
): Promise<Record<string, { data: Float32Array; dims: readonly number[] }>> {
  const session = await ort.InferenceSession.create(model);
  try {
    const feeds: Record<string, ort.Tensor> = {};
    for (const [name, input] of Object.entries(inputs)) {
      const shape = "shape" in input ? input.shape : [input.values.length, 1];
      feeds[name] =
        input.type === "float"
          ? new ort.Tensor("float32", input.values, shape)
          : new ort.Tensor("string", input.values, shape);
    }
    const results = await session.run(feeds);
    return Object.fromEntries(
      Object.entries(results).map(([name, tensor]) => [
        name,
        { data: tensor.data as Float32Array, dims: tensor.dims },
      ]),
    );
  } finally {
    await session.release();
  }
}
