/// <reference lib="webworker" />
// One timing of the studio's MLP training on wasm in a dedicated worker, with the thread setup the
// page asks for. Set before the wasm backend starts, so every setup gets a fresh worker.
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { MODELS, studioSpeed, syntheticData } from "./measure";

export interface ThreadsRequest {
  rows: number;
  threads: number;
  /** The threaded SIMD build (needs cross-origin isolation) or the single-threaded SIMD build. */
  threadedBuild: boolean;
}
export interface ThreadsResult extends ThreadsRequest {
  samplesPerSecond: number;
  threadsUsed: number;
}

self.onmessage = async (event: MessageEvent<ThreadsRequest>) => {
  const request = event.data;
  try {
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", request.threadedBuild && crossOriginIsolated);
    if (request.threadedBuild) {
      // As the studio's training worker does (useEveryCoreForWasm): the module halves the count.
      Object.defineProperty(navigator, "hardwareConcurrency", {
        value: request.threads * 2,
        configurable: true,
      });
      setThreadsCount(request.threads);
    }
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
    });
    if (!(await tf.setBackend("wasm"))) throw new Error("wasm did not start");
    await tf.ready();
    const { spec, features } = MODELS.mlp;
    const measured = await studioSpeed(spec, syntheticData(features, request.rows));
    const result: ThreadsResult = {
      ...request,
      samplesPerSecond: measured.samplesPerSecond,
      threadsUsed: request.threadedBuild ? getThreadsCount() : 1,
    };
    self.postMessage(result);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
