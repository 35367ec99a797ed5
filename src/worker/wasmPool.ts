import * as tf from "@tensorflow/tfjs";
import { setThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import type { WasmThreadControl } from "../core/train/measure";

/** The started wasm module's own pool calls (tf.js exports none that resizes a started pool). */
export interface WasmPool {
  initWithThreadsCount(threads: number): void;
  getThreadsCount(): number;
}

/** The wasm module's pool calls once the backend has started; null before (or elsewhere). */
export function startedWasmPool(): WasmPool | null {
  // The registry, not tf.findBackend: findBackend would start the backend.
  const registry = (tf.engine() as unknown as { registry?: Record<string, unknown> }).registry;
  const backend = registry?.wasm as { wasm?: { tfjs?: Partial<WasmPool> } } | undefined;
  const pool = backend?.wasm?.tfjs;
  return typeof pool?.initWithThreadsCount === "function" &&
    typeof pool.getThreadsCount === "function"
    ? (pool as WasmPool)
    : null;
}

/** The most threads a run times and trains on (see wasmThreadControl). */
export const MAX_MEASURED_THREADS = 4;

/**
 * wasm's thread count, chosen per model by measuring (run.ts): more threads pay off for large
 * layers and cost more than they give for small ones. Before wasm starts, `set` sizes the pool it
 * starts with; after, it makes a new pool (the module's call: the old pool's threads go idle). A
 * run starts wasm on one thread, times more on a pool of up to MAX_MEASURED_THREADS, goes back to
 * one thread and, when more won, makes that pool once more: at most 2 × 3 pool threads, within the
 * 8 workers the module makes in advance (making more from a worker could block it), and every run
 * gets a fresh worker.
 */
export function wasmThreadControl(cores: number): WasmThreadControl | undefined {
  const most = Math.min(cores, MAX_MEASURED_THREADS);
  if (most < 2) return undefined;
  return {
    counts: [1, most],
    set(threads) {
      const pool = startedWasmPool();
      if (!pool) setThreadsCount(threads);
      else if (pool.getThreadsCount() !== threads) pool.initWithThreadsCount(threads);
    },
  };
}
