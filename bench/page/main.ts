// The training benchmark's page: the studio's training loop against raw tf.js `model.fit` on the
// same model and data, per backend, in headless Chromium; and wasm with threads against one thread,
// timed in dedicated workers (threads.worker.ts); and transfer learning speed (transfer.ts).
// bench/training.mjs and bench/transfer-browser.mjs drive it.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-webgpu";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import wasmPlain from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url";
import wasmSimd from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url";
import wasmThreaded from "@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url";
import type { BackendName } from "../../src/core/backend/backends";
import { fastestBackend } from "../../src/core/backend/choice";
import { registerWasmTrainingKernels } from "../../src/core/backend/wasmFastKernels";
import { measureBackends } from "../../src/core/train/measure";
import { probeBackend } from "../../src/core/train/run";
import { config, MODELS, rawSpeed, studioSpeed, syntheticData } from "./measure";
import type { ThreadsRequest, ThreadsResult } from "./threads.worker";
import { transferSpeed, type TransferRequest } from "./transfer";

// The page's own wasm is single-threaded: the threaded build's pool starts with blocking waits,
// which a page's main thread cannot do (it hangs there); threads are timed in workers below.
tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
setWasmPaths({
  "tfjs-backend-wasm.wasm": wasmPlain,
  "tfjs-backend-wasm-simd.wasm": wasmSimd,
  "tfjs-backend-wasm-threaded-simd.wasm": wasmThreaded,
});
registerWasmTrainingKernels();

async function activate(name: BackendName) {
  if (!(await tf.setBackend(name))) throw new Error(`${name} did not start`);
  await tf.ready();
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

interface Options {
  backend: BackendName;
  kind: "mlp" | "cnn";
  rows: number;
  /** Rounds of studio and raw, interleaved (the order alternates), so load changes hit both. */
  rounds: number;
}

/**
 * The studio's loop and raw `fit`, `rounds` times each, interleaved; samples/s of every round and
 * the median of the per-round ratios (the figure that compares, on a machine others load too).
 */
async function run({ backend, kind, rows, rounds }: Options) {
  const { spec, features } = MODELS[kind];
  const data = syntheticData(features, rows);
  await activate(backend);
  await probeBackend(spec, data, config(1));
  // A round of each first, not counted: the JIT, the backend's allocations and shader caches warm
  // up on whichever runs first, which would otherwise count against the first round's ratio.
  await studioSpeed(spec, data);
  await rawSpeed(spec, data);
  const studio: number[] = [];
  const raw: number[] = [];
  let tensors: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const studioFirst = round % 2 === 0;
    if (!studioFirst) raw.push(await rawSpeed(spec, data));
    const measured = await studioSpeed(spec, data);
    studio.push(measured.samplesPerSecond);
    tensors = measured.tensorsPerEpoch;
    if (studioFirst) raw.push(await rawSpeed(spec, data));
  }
  return {
    backend,
    kind,
    rows,
    studio: median(studio),
    raw: median(raw),
    ratio: median(studio.map((s, i) => s / raw[i]!)),
    studioRounds: studio,
    rawRounds: raw,
    tensors,
  };
}

/** What measured auto chooses for a model here, and the timings it chose from. */
async function auto(kind: "mlp" | "cnn", backends: BackendName[]) {
  const { spec, features } = MODELS[kind];
  const data = syntheticData(features, 512);
  const timings = await measureBackends({
    spec,
    data,
    config: config(1),
    backends,
    activateBackend: activate,
    probe: () => probeBackend(spec, data, config(1)),
  });
  return { chosen: fastestBackend(timings), timings };
}

function inWorker(request: ThreadsRequest): Promise<ThreadsResult> {
  const worker = new Worker(new URL("./threads.worker.ts", import.meta.url), { type: "module" });
  return new Promise<ThreadsResult>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<ThreadsResult | { error: string }>) =>
      "error" in event.data ? reject(new Error(event.data.error)) : resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message));
    worker.postMessage(request);
  }).finally(() => worker.terminate());
}

/**
 * The studio's MLP training on wasm in a dedicated worker (as the studio trains), each round in a
 * fresh worker: the threaded build on every core, the same build on one thread, the
 * single-threaded SIMD build a page without cross-origin isolation gets, and the thread count the
 * studio measures and chooses for the model. Interleaved per round.
 */
async function threads(rows: number, rounds: number, kind: "mlp" | "cnn" = "mlp") {
  const cores = navigator.hardwareConcurrency || 1;
  const setups: ThreadsRequest[] = [
    { kind, rows, threads: cores, threadedBuild: true },
    { kind, rows, threads: 1, threadedBuild: true },
    { kind, rows, threads: 1, threadedBuild: false },
    { kind, rows, threads: cores, threadedBuild: true, chooseByMeasuring: true },
  ];
  const results: ThreadsResult[][] = setups.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const i of round % 2 ? [...setups.keys()].reverse() : setups.keys())
      results[i]!.push(await inWorker(setups[i]!));
  }
  const speed = (i: number) => median(results[i]!.map((r) => r.samplesPerSecond));
  const ratio = (a: number, b: number) =>
    median(results[a]!.map((r, k) => r.samplesPerSecond / results[b]![k]!.samplesPerSecond));
  return {
    kind,
    cores,
    rows,
    isolated: crossOriginIsolated,
    threads: speed(0),
    threadsUsed: results[0]![0]?.threadsUsed ?? null,
    oneThread: speed(1),
    singleBuild: speed(2),
    threadsOverOneThread: ratio(0, 1),
    threadsOverSingleBuild: ratio(0, 2),
    studioChoice: speed(3),
    studioThreads: results[3]!.map((r) => r.threadsUsed),
    studioMeasured: results[3]!.map((r) => r.measured ?? []),
    studioChoiceOverBest: median(
      results[3]!.map(
        (r, k) =>
          r.samplesPerSecond /
          Math.max(results[0]![k]!.samplesPerSecond, results[1]![k]!.samplesPerSecond),
      ),
    ),
    rounds: results,
  };
}

/** Transfer learning speed on `backend` (see transfer.ts). */
async function transfer(backend: BackendName, request: TransferRequest) {
  await activate(backend);
  return { backend, ...(await transferSpeed(request)) };
}

Object.assign(window, {
  bench: { run, auto, threads, transfer, isolated: crossOriginIsolated },
});
