/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName } from "../core/backend/backends";
import type { FromTrainingWorker, ToTrainingWorker } from "./protocol";
import { runTrainingJob } from "./trainingJob";

// The threaded wasm build needs cross-origin isolation, which the studio does not ask for.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
});

const post = (message: FromTrainingWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

const stopRequested = new Set<string>();

async function activateBackend(name: BackendName): Promise<void> {
  let started: boolean;
  try {
    started = await tf.setBackend(name);
  } catch (error) {
    throw new Error(
      `${name} could not start: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
  if (!started) throw new Error(`${name} is not available in this browser.`);
  await tf.ready();
}

self.onmessage = (event: MessageEvent<ToTrainingWorker>) => {
  const message = event.data;
  if (message.type === "stop") {
    stopRequested.add(message.runId);
    return;
  }
  runTrainingJob(message, post, () => stopRequested.has(message.runId), activateBackend)
    .catch((error: unknown) => {
      post({
        type: "error",
        runId: message.runId,
        message: error instanceof Error ? error.message : String(error),
      });
    })
    .finally(() => stopRequested.delete(message.runId));
};
