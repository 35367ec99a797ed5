import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as tfTypes from "@tensorflow/tfjs";
import * as ort from "onnxruntime-web";
import { buildModel } from "../../src/core/model/build";
import type { ModelSpec } from "../../src/core/model/spec";
import type { StoredTensor } from "../../src/core/train/types";
import { exportOnnxModel } from "../../src/core/export/onnx/model";
import { mulberry32 } from "../../src/core/data/random";

/**
 * Test support (not shipped): builds a spec in tf.js with random weights, exports it to ONNX, runs
 * both on the same random inputs (ONNX Runtime's wasm build, in Node) and measures how far apart
 * the outputs are; and runs scripts/check-onnx.py over the exported files.
 */

type Tf = typeof tfTypes;

ort.env.wasm.numThreads = 1;

/** A small seeded generator (mulberry32) so every case is repeatable. */
export const seededRandom = mulberry32;

/** Every weight replaced by seeded random values (variances positive), so biases count too. */
function randomizeWeights(tf: Tf, model: tfTypes.LayersModel, random: () => number): void {
  const tensors = model.weights.map((weight) => {
    const size = weight.shape.reduce((a: number, b) => a * (b ?? 1), 1);
    const positive = weight.originalName.endsWith("moving_variance");
    const values = Float32Array.from({ length: size }, () =>
      positive ? 0.5 + random() : random() * 1.2 - 0.6,
    );
    return tf.tensor(values, weight.shape as number[]);
  });
  model.setWeights(tensors);
  tf.dispose(tensors);
}

export interface Comparison {
  maxAbsError: number;
  onnxBytes: Uint8Array;
}

export interface CompareOptions {
  seed?: number;
  batch?: number;
  /** Per input id: produce whole numbers in [0, n) (token ids for an Embedding). */
  integerInputs?: Record<string, number>;
}

/** tf.js predict vs ONNX Runtime on the exported model; the largest absolute difference. */
export async function compareWithTfjs(
  tf: Tf,
  spec: ModelSpec,
  options: CompareOptions = {},
): Promise<Comparison> {
  const seed = options.seed ?? 7;
  const batch = options.batch ?? 3;
  const random = seededRandom(seed);
  const model = buildModel(tf, spec, { seed });
  randomizeWeights(tf, model, random);
  const weights: StoredTensor[] = model.weights.map((weight) => ({
    name: weight.originalName,
    shape: weight.shape.slice() as number[],
    values: Float32Array.from(weight.read().dataSync()),
  }));
  const feeds: Record<string, ort.Tensor> = {};
  const xs = spec.inputs.map((id, i) => {
    const shape = [batch, ...(model.inputs[i]?.shape.slice(1) as number[])];
    const size = shape.reduce((a, b) => a * b, 1);
    const range = options.integerInputs?.[id];
    const values = Float32Array.from({ length: size }, () =>
      range ? Math.floor(random() * range) : random() * 4 - 2,
    );
    feeds[id] = new ort.Tensor("float32", values, shape);
    return tf.tensor(values, shape);
  });
  const predicted = model.predict(xs.length === 1 ? (xs[0] as tfTypes.Tensor) : xs);
  const expected = (Array.isArray(predicted) ? predicted : [predicted]).map((t) => ({
    shape: t.shape,
    values: t.dataSync() as Float32Array,
  }));
  tf.dispose([...xs, ...(Array.isArray(predicted) ? predicted : [predicted])]);
  model.dispose();

  const onnxBytes = exportOnnxModel(spec, weights);
  const session = await ort.InferenceSession.create(onnxBytes);
  const results = await session.run(feeds);
  await session.release();
  let maxAbsError = 0;
  spec.outputs.forEach((id, i) => {
    const actual = results[id];
    const wanted = expected[i];
    if (!actual || !wanted) throw new Error(`Output ${id} is missing`);
    if (actual.dims.join(",") !== wanted.shape.join(",")) {
      throw new Error(`Output ${id}: ONNX shape [${actual.dims}] vs tf.js [${wanted.shape}]`);
    }
    const data = actual.data as Float32Array;
    for (let k = 0; k < data.length; k++) {
      const diff = Math.abs((data[k] as number) - (wanted.values[k] as number));
      maxAbsError = Math.max(maxAbsError, Number.isNaN(diff) ? Infinity : diff);
    }
  });
  return { maxAbsError, onnxBytes };
}

const PYTHON = "/usr/bin/python3";

/**
 * Writes the models to a temporary folder and checks them all with one run of
 * scripts/check-onnx.py (onnx.checker, full_check). Returns the script's report; throws when
 * Python's onnx package is missing, saying how to install it.
 */
export function checkOnnxFiles(models: Array<{ name: string; bytes: Uint8Array }>): {
  ok: boolean;
  report: string;
} {
  const probe = spawnSync(PYTHON, ["-c", "import onnx"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(
      `${PYTHON} cannot import onnx (${probe.error?.message ?? probe.stderr.trim()}): install python3-onnx (apt-get install python3-onnx) to check the exported ONNX files.`,
    );
  }
  const folder = mkdtempSync(join(tmpdir(), "onnx-check-"));
  const paths = models.map((model, i) => {
    const path = join(
      folder,
      `${String(i).padStart(3, "0")}-${model.name.replace(/[^\w.-]+/g, "_")}.onnx`,
    );
    writeFileSync(path, model.bytes);
    return path;
  });
  const script = join(process.cwd(), "scripts", "check-onnx.py");
  const run = spawnSync(PYTHON, [script, ...paths], { encoding: "utf8", maxBuffer: 1 << 26 });
  return { ok: run.status === 0, report: `${run.stdout}${run.stderr}` };
}
