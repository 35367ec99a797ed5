import { describe, expect, it } from "vitest";
import viteConfig from "../../../vite.config";
import { canUseWasmThreads, CROSS_ORIGIN_ISOLATION_HEADERS } from "./isolation";

describe("cross-origin isolation", () => {
  it("is asked for by the vite dev server and by vite preview, with the shared header values", () => {
    expect(CROSS_ORIGIN_ISOLATION_HEADERS).toEqual({
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    });
    expect(viteConfig.server?.headers).toEqual(CROSS_ORIGIN_ISOLATION_HEADERS);
    expect(viteConfig.preview?.headers).toEqual(CROSS_ORIGIN_ISOLATION_HEADERS);
  });

  it("lets wasm use threads only in an isolated scope with SharedArrayBuffer", () => {
    expect(canUseWasmThreads({ crossOriginIsolated: true, SharedArrayBuffer })).toBe(true);
    expect(canUseWasmThreads({ crossOriginIsolated: false, SharedArrayBuffer })).toBe(false);
    expect(canUseWasmThreads({ crossOriginIsolated: true })).toBe(false);
    expect(canUseWasmThreads({})).toBe(false);
  });
});
