/// <reference lib="webworker" />
// One timing of the studio's training on wasm in a dedicated worker, with the thread setup the
// page asks for. Set before the wasm backend starts, so every setup gets a fresh worker.
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import { preferredWasmThreads } from "../../src/core/backend/choice";
import { registerWasmTrainingKernels } from "../../src/core/backend/wasmFastKernels";
import { timeWasmThreads } from "../../src/core/train/measure";
import { startedWasmPool, wasmThreadControl } from "../../src/worker/wasmPool";
import { config, MODELS, studioSpeed, syntheticData } from "./measure";

registerWasmTrainingKernels();

export interface ThreadsRequest {
  kind: "mlp" | "cnn";
  rows: number;
  threads: number;
  /** The threaded SIMD build (needs cross-origin isolation) or the single-threaded SIMD build. */
  threadedBuild: boolean;
  /**
   * As the studio's training worker does: the threaded build, timed on 1 and on `threads` threads
   * for this model (a few steps each), then trained on the count measured faster.
   */
  chooseByMeasuring?: boolean;
}
export interface ThreadsResult extends ThreadsRequest {
  samplesPerSecond: number;
  threadsUsed: number;
  /** chooseByMeasuring: samples/s measured at each thread count, fewest first. */
  measured?: number[];
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
      setThreadsCount(request.chooseByMeasuring ? 1 : request.threads);
    }
    setWasmPaths({
      "tfjs-backend-wasm.wasm": wasmPlain,
      "tfjs-backend-wasm-simd.wasm": wasmSimd,
      "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
    });
    if (!(await tf.setBackend("wasm"))) throw new Error("wasm did not start");
    await tf.ready();
    const { spec, features } = MODELS[request.kind];
    const data = syntheticData(features, request.rows);
    const control = request.chooseByMeasuring ? wasmThreadControl(request.threads) : undefined;
    let measured: number[] | undefined;
    if (control) {
      const timings = await timeWasmThreads(spec, data, config(1), control);
      control.set(preferredWasmThreads(timings) ?? 1);
      measured = timings.map((t) => Math.round(t.samplesPerSecond ?? 0));
    }
    const speed = await studioSpeed(spec, data);
    const result: ThreadsResult = {
      ...request,
      samplesPerSecond: speed.samplesPerSecond,
      ...(measured ? { measured } : {}),
      threadsUsed: request.threadedBuild
        ? (startedWasmPool()?.getThreadsCount() ?? getThreadsCount())
        : 1,
    };
    self.postMessage(result);
  } catch (error) {
    self.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
};
