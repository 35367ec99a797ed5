import { mkdirSync, writeFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmConvGradients } from "../src/core/backend/wasmConvGradients";
import { registerWasmFastKernels } from "../src/core/backend/wasmFastKernels";
import { buildModel } from "../src/core/model/build";
import { perExampleLoss } from "../src/core/train/loop";
import { MODELS, syntheticData } from "./page/measure";

/** Milliseconds per call of `f` (its result disposed), after a warm-up. */
function time(f: () => tf.Tensor | void, repeats: number): number {
  for (let i = 0; i < 3; i++) tf.dispose(f() ?? []);
  const started = performance.now();
  for (let i = 0; i < repeats; i++) tf.dispose(f() ?? []);
  return (performance.now() - started) / repeats;
}

/** One training step (batch 64, Adam) of the training benchmark's `kind` model, as a function. */
export function trainingStep(kind: "mlp" | "cnn"): () => void {
  const { spec, features } = MODELS[kind];
  const data = syntheticData(features, 64);
  const model = buildModel(tf, spec, { seed: 1 });
  const optimizer = tf.train.adam(0.001);
  const xs = tf.tensor2d(data.train.x, [64, features]);
  const ys = tf.tensor1d(data.train.y);
  return () =>
    tf.tidy(() => {
      optimizer.minimize(
        () =>
          tf.mean(
            perExampleLoss("classification", model.apply(xs) as tf.Tensor, ys, 10),
          ) as tf.Scalar,
      );
    });
}

/** The cases, each a function to time and how often. Tensors are made once, outside the timing. */
function cases() {
  const r = (shape: number[]) => tf.randomNormal(shape);
  const a = r([64, 1568]);
  const bT = r([64, 1568]);
  const aT = r([1568, 64]);
  const b = r([1568, 64]);
  const dy = r([64, 14, 14, 32]) as tf.Tensor4D;
  const w = r([3, 3, 16, 32]) as tf.Tensor4D;
  const x = tf.relu(r([64, 28, 28, 16])) as tf.Tensor4D;
  const pooled = tf.maxPool(x, 2, 2, "valid");
  const poolDy = tf.onesLike(pooled);
  return [
    { name: "BatchMatMul [64,1568]·[64,1568]ᵀ", f: () => tf.matMul(a, bT, false, true), n: 40 },
    { name: "BatchMatMul [1568,64]ᵀ·[1568,64]", f: () => tf.matMul(aT, b, true, false), n: 40 },
    {
      name: "Conv2DBackpropInput 3×3, dy [64,14,14,32]",
      f: () => tf.conv2dTranspose(dy, w, [64, 14, 14, 16], 1, "same"),
      n: 10,
    },
    {
      name: "MaxPoolGrad 2×2/2, x [64,28,28,16]",
      f: () =>
        tf
          .engine()
          .runKernel(
            "MaxPoolGrad",
            { dy: poolDy, input: x, output: pooled },
            { filterSize: 2, strides: 2, pad: "valid" },
          ) as tf.Tensor,
      n: 10,
    },
    { name: "training step, MLP (batch 64)", f: trainingStep("mlp"), n: 100 },
    { name: "training step, CNN (batch 64)", f: trainingStep("cnn"), n: 5 },
  ];
}

export async function main() {
  registerWasmConvGradients();
  if (!(await tf.setBackend("wasm"))) throw new Error("wasm did not start");
  const all = cases();
  const before = all.map((c) => time(c.f, c.n));
  // Wrapping after the backend started works too: the originals' setup has run.
  registerWasmFastKernels();
  const after = all.map((c) => time(c.f, c.n));
  const rows = all.map((c, i) => ({
    case: c.name,
    tfjsMs: before[i]!,
    studioMs: after[i]!,
    speedup: before[i]! / after[i]!,
  }));
  console.log("case                                          tf.js ms  studio ms  speed-up");
  for (const row of rows) {
    console.log(
      `${row.case.padEnd(45)} ${row.tfjsMs.toFixed(2).padStart(8)}  ${row.studioMs.toFixed(2).padStart(9)}  ${row.speedup.toFixed(2).padStart(7)}×`,
    );
  }
  mkdirSync("bench/results", { recursive: true });
  const out = `bench/results/wasm-kernels-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`;
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rows }, null, 2));
  console.log(`wrote ${out}`);
}
