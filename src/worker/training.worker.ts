/// <reference lib="webworker" />
import "../core/zodConfig";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { getThreadsCount, setThreadsCount, setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName } from "../core/backend/backends";
import type { AdapterDescription } from "../core/backend/choice";
import { canUseWasmThreads } from "../core/backend/isolation";
import { registerWasmTrainingKernels } from "../core/backend/wasmFastKernels";
import { startedWasmPool, wasmThreadControl } from "./wasmPool";
import type { TrainingProgress } from "../core/train/runMessages";
import type { TrainingProtocol } from "./protocol";
import { serve, withTransfer } from "./rpc";
import { runTrainingJob, transferablesOfDone } from "./trainingJob";

// The threaded wasm build needs cross-origin isolation (COOP/COEP headers, which the studio's servers
// send); a page served without them gets the single-threaded build rather than a backend that fails.
const wasmThreads = canUseWasmThreads(self);
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", wasmThreads);
const threadControl = wasmThreads ? wasmThreadControl(useEveryCoreForWasm()) : undefined;
// So that CNNs train on wasm rather than on the plain-JavaScript backend.
registerWasmTrainingKernels();
setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
});

/**
 * tf.js's wasm build caps its thread pool at half of navigator.hardwareConcurrency (it assumes two
 * hyper-threads per core), read once when the module starts: on a 2-core machine that is one
 * thread, and the threaded build gains nothing. Training is the only work in this worker, so it
 * asks for one thread per logical core: the worker's navigator reports twice the cores to the wasm
 * module (whose halving then gives the real count) and the pool size is set to that count.
 */
function useEveryCoreForWasm(): number {
  const cores = Math.max(1, navigator.hardwareConcurrency || 1);
  Object.defineProperty(navigator, "hardwareConcurrency", { value: cores * 2, configurable: true });
  setThreadsCount(cores);
  return cores;
}

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

/** The adapter's own description, to tell a software renderer (SwiftShader) from a real GPU. */
async function describeAdapter(name: BackendName): Promise<AdapterDescription | null> {
  if (name === "webgpu") {
    const gpu = (navigator as Navigator & { gpu?: GPU }).gpu;
    const adapter = await gpu?.requestAdapter();
    if (!adapter) return null;
    const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean };
    return {
      vendor: info.vendor,
      architecture: info.architecture,
      device: info.device,
      description: info.description,
      isFallbackAdapter:
        info.isFallbackAdapter ??
        (adapter as GPUAdapter & { isFallbackAdapter?: boolean }).isFallbackAdapter,
    };
  }
  if (name === "webgl" && typeof OffscreenCanvas !== "undefined") {
    const gl = new OffscreenCanvas(1, 1).getContext("webgl2");
    if (!gl) return null;
    const debug = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer: unknown = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return { description: typeof renderer === "string" ? renderer : "" };
  }
  return null;
}

/** Where training runs: wasm threads (1 when the page is not cross-origin isolated). */
const runtimeOf = (runId: string): TrainingProgress => ({
  type: "runtime",
  runId,
  crossOriginIsolated: self.crossOriginIsolated,
  wasmThreads:
    tf.getBackend() === "wasm" ? (startedWasmPool()?.getThreadsCount() ?? getThreadsCount()) : null,
});

serve<TrainingProtocol>(self, {
  train: async (request, { progress }) => {
    const report = (message: TrainingProgress) => {
      // Once training has started on a backend, say how it runs there (wasm threads).
      if (message.type === "backend") queueMicrotask(() => progress(runtimeOf(request.runId)));
      progress(message);
    };
    try {
      const done = await runTrainingJob(
        request,
        report,
        () => stopRequested.has(request.runId),
        activateBackend,
        describeAdapter,
        threadControl,
      );
      return withTransfer(done, transferablesOfDone(done));
    } finally {
      stopRequested.delete(request.runId);
    }
  },
  // Handled the moment it arrives, while the run is training.
  stop: ({ runId }) => {
    stopRequested.add(runId);
  },
});
