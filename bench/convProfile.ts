// The per-kernel profile of one training step of the benchmark's CNN on wasm (conv-profile.mjs).
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { registerWasmTrainingKernels } from "../src/core/backend/wasmFastKernels";
import { trainingStep } from "./wasmKernels";

/** Milliseconds of this process's CPU time (user + system) since `since`. */
const cpuMs = (since?: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
};

interface Share {
  ms: number;
  calls: number;
}

/**
 * Wraps every kernel of `backendName` with a CPU-time counter. Kernels that other kernels run
 * (the studio's composed kernels) count in their caller: only the outermost call is timed.
 */
function countKernels(
  backendName: string,
  totals: Map<string, Share>,
  key: (k: string, inputs: tf.NamedTensorInfoMap) => string,
) {
  let depth = 0;
  for (const config of tf.getKernelsForBackend(backendName)) {
    const original = config.kernelFunc;
    tf.unregisterKernel(config.kernelName, backendName);
    tf.registerKernel({
      ...config,
      kernelFunc: (args) => {
        if (depth > 0) return original(args);
        depth++;
        const started = process.cpuUsage();
        try {
          return original(args);
        } finally {
          depth--;
          const name = key(config.kernelName, args.inputs);
          const share = totals.get(name) ?? { ms: 0, calls: 0 };
          share.ms += cpuMs(started);
          share.calls++;
          totals.set(name, share);
        }
      },
    });
  }
}

/** Profiles `STEPS` training steps (batch 64, Adam) and prints each kernel's share. */
export async function main() {
  registerWasmTrainingKernels();
  if (!(await tf.setBackend("wasm"))) throw new Error("wasm did not start");
  const totals = new Map<string, Share>();
  countKernels("wasm", totals, (name, inputs) =>
    process.env.DETAIL
      ? `${name} ${JSON.stringify(Object.values(inputs).map((t) => t?.shape))}`
      : name,
  );
  const step = trainingStep("cnn");
  for (let i = 0; i < 5; i++) step();
  totals.clear();
  const steps = Number(process.env.STEPS ?? 20);
  const started = process.cpuUsage();
  const wallStarted = performance.now();
  for (let i = 0; i < steps; i++) step();
  const stepCpu = cpuMs(started) / steps;
  const stepWall = (performance.now() - wallStarted) / steps;
  const rows = [...totals].sort((a, b) => b[1].ms - a[1].ms);
  const sum = rows.reduce((s, r) => s + r[1].ms, 0);
  for (const [name, e] of rows)
    console.log(
      `${name.padEnd(60)} ${(e.ms / steps).toFixed(2).padStart(7)} ms ${(e.calls / steps).toFixed(0).padStart(4)} calls ${((100 * e.ms) / sum).toFixed(1)}%`,
    );
  console.log(
    `kernels ${(sum / steps).toFixed(2)} ms CPU; step ${stepCpu.toFixed(2)} ms CPU, ${stepWall.toFixed(2)} ms wall`,
  );
}
