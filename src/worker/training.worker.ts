/// <reference lib="webworker" />
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName } from "../core/backend/backends";
import { predictRows } from "../core/train/loop";
import { runTraining } from "../core/train/run";
import type { FromTrainingWorker, ToTrainingWorker, TrainRequest } from "./protocol";

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

async function train(request: TrainRequest): Promise<void> {
  const { runId } = request;
  let pending: number[] = [];
  let lastFlush = 0;
  const result = await runTraining({
    spec: request.spec,
    data: request.data,
    config: request.config,
    preference: request.preference,
    activateBackend,
    callbacks: {
      shouldStop: () => stopRequested.has(runId),
      onBackend: (backend) => post({ type: "backend", runId, backend }),
      onBackendNote: (note) => post({ type: "backend-note", runId, note }),
      onBatch: (progress) => {
        pending.push(progress.loss);
        const now = performance.now();
        if (now - lastFlush < 100 && progress.batch < progress.batches) return;
        lastFlush = now;
        post({ type: "batches", runId, ...progress, losses: pending });
        pending = [];
      },
      onEpoch: (metrics) => post({ type: "epoch", runId, metrics }),
    },
  });
  try {
    const testOutputs = await predictRows(
      result.model,
      request.test.x,
      request.test.rows,
      request.data.featureCount,
    );
    const outputSize = request.test.rows > 0 ? testOutputs.length / request.test.rows : 0;
    post(
      {
        type: "done",
        runId,
        backend: result.backend,
        outcome: result.outcome,
        testOutputs,
        outputSize,
      },
      [testOutputs.buffer],
    );
  } finally {
    result.model.dispose();
  }
}

self.onmessage = (event: MessageEvent<ToTrainingWorker>) => {
  const message = event.data;
  if (message.type === "stop") {
    stopRequested.add(message.runId);
    return;
  }
  train(message)
    .catch((error: unknown) => {
      post({
        type: "error",
        runId: message.runId,
        message: error instanceof Error ? error.message : String(error),
      });
    })
    .finally(() => stopRequested.delete(message.runId));
};
