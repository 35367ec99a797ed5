/**
 * Test support (Node only): runs ONNX files through the real ONNX Runtime (onnxruntime-web's wasm
 * build) and checks them with the Python onnx checker.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as ort from "onnxruntime-web";
import type { PipelineInputValues } from "./pipeline/pipelineInputs";

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

/**
 * `onnx.checker.check_model(m, full_check=True)` on each file (Debian's python3-onnx). Returns the
 * checker's output; throws with it when a file fails.
 */
export function checkOnnxFiles(files: Record<string, Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "onnx-check-"));
  const paths = Object.entries(files).map(([name, bytes]) => {
    const path = join(dir, name.replace(/[^a-zA-Z0-9_.-]/g, "_"));
    writeFileSync(path, bytes);
    return path;
  });
  const script = [
    "import sys, onnx",
    "for p in sys.argv[1:]:",
    "    onnx.checker.check_model(onnx.load(p), full_check=True)",
    "    print('ok', p)",
  ].join("\n");
  return execFileSync("/usr/bin/python3", ["-c", script, ...paths], { encoding: "utf8" });
}
