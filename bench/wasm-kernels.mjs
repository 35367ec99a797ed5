// The studio's faster wasm training kernels (src/core/backend/wasmFastKernels.ts) against tf.js's
// own, in Node on one thread: each kernel alone, then a training step of the training benchmark's
// MLP and CNN. Prints a table; writes bench/results/wasm-kernels-<date>.json.
import { runnerImport } from "vite";

const { module } = await runnerImport("./bench/wasmKernels.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
