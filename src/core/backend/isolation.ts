/**
 * The response headers that make a page cross-origin isolated, which is what lets it share memory
 * between threads (SharedArrayBuffer) and so run tf.js's threaded SIMD wasm build on every core.
 * Every server of the studio sends exactly these: vite dev and preview (vite.config.ts) and the
 * Node server. Under `require-corp` every subresource must be same-origin or opt in with CORP/CORS;
 * the studio loads only its own files (scripts, workers, wasm, fonts), so nothing else is needed.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS = {
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cross-Origin-Embedder-Policy": "require-corp",
} as const satisfies Record<string, string>;

/** What a page or worker global says about its isolation. */
export interface IsolationScope {
  crossOriginIsolated?: boolean;
  SharedArrayBuffer?: unknown;
}

/**
 * True when wasm may use threads here: the scope is cross-origin isolated and has SharedArrayBuffer.
 * Otherwise tf.js must load its single-threaded build (the threaded one would fail to start).
 */
export function canUseWasmThreads(scope: IsolationScope): boolean {
  return scope.crossOriginIsolated === true && typeof scope.SharedArrayBuffer === "function";
}
