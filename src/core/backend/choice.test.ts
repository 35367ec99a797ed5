import { describe, expect, it } from "vitest";
import {
  backendsByMeasuredSpeed,
  choiceCacheKey,
  describeChoice,
  describeTimings,
  describeWasmThreads,
  fastestBackend,
  isSoftwareAdapter,
  preferredWasmThreads,
  readCachedChoice,
  roundSamplesPerSecond,
  writeCachedChoice,
  type BackendTiming,
  type KeyValueStorage,
} from "./choice";

const measured = (
  backend: BackendTiming["backend"],
  samplesPerSecond: number,
  softwareAdapter = false,
): BackendTiming => ({ backend, samplesPerSecond, status: "measured", softwareAdapter });

// The issue's own figures: a 2-core machine without a GPU, WebGPU and WebGL on SwiftShader.
const noGpuMachine: BackendTiming[] = [
  measured("webgpu", 394, true),
  measured("webgl", 1634, true),
  measured("wasm", 11638),
  measured("cpu", 3257),
];

describe("choosing a backend from measured speeds", () => {
  it("takes the fastest, not the first that starts", () => {
    expect(fastestBackend(noGpuMachine)).toBe("wasm");
    expect(backendsByMeasuredSpeed(noGpuMachine)).toEqual(["wasm", "cpu", "webgl", "webgpu"]);
  });

  it("takes a real GPU when it is faster (a CNN on a laptop)", () => {
    const laptop = [measured("webgpu", 52000), measured("wasm", 2100), measured("cpu", 300)];
    expect(fastestBackend(laptop)).toBe("webgpu");
  });

  it("skips backends that could not start or lack a kernel, and puts them last", () => {
    const cnn: BackendTiming[] = [
      { backend: "webgpu", samplesPerSecond: null, status: "unavailable", softwareAdapter: false },
      measured("webgl", 900, true),
      { backend: "wasm", samplesPerSecond: null, status: "unsupported", softwareAdapter: false },
      measured("cpu", 120),
    ];
    expect(fastestBackend(cnn)).toBe("webgl");
    expect(backendsByMeasuredSpeed(cnn)).toEqual(["webgl", "cpu", "webgpu", "wasm"]);
  });

  it("has no choice when nothing could be measured, and breaks ties by the usual order", () => {
    expect(fastestBackend([])).toBeNull();
    expect(fastestBackend([measured("cpu", 500), measured("wasm", 500)])).toBe("wasm");
  });
});

describe("saying what was measured", () => {
  it("gives the figures fastest first, rounded, with software adapters named", () => {
    expect(describeTimings([measured("webgpu", 394, true), measured("wasm", 11638)])).toBe(
      "WebAssembly 11,600 samples/s · WebGPU 394 samples/s, software adapter",
    );
    expect(roundSamplesPerSecond(3257)).toBe("3,260");
    expect(roundSamplesPerSecond(42.4)).toBe("42");
  });

  it("names the backends that cannot train the model and the one chosen", () => {
    const text = describeChoice(
      {
        backend: "cpu",
        timings: [
          {
            backend: "wasm",
            samplesPerSecond: null,
            status: "unsupported",
            softwareAdapter: false,
          },
          measured("cpu", 120),
        ],
      },
      true,
    );
    expect(text).toBe(
      "Measured in an earlier run on this device: CPU 120 samples/s. WebAssembly cannot train this model (a missing kernel). Training on CPU.",
    );
  });

  it("recognises software adapters from what they say of themselves", () => {
    expect(isSoftwareAdapter({ vendor: "google", architecture: "swiftshader" })).toBe(true);
    expect(
      isSoftwareAdapter({
        description: "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)))",
      }),
    ).toBe(true);
    expect(isSoftwareAdapter({ description: "llvmpipe (LLVM 15.0.7, 256 bits)" })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "", isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ vendor: "nvidia", architecture: "ampere" })).toBe(false);
    expect(
      isSoftwareAdapter({ description: "ANGLE (Apple, ANGLE Metal Renderer: Apple M2)" }),
    ).toBe(false);
    expect(isSoftwareAdapter(null)).toBe(false);
  });
});

describe("the cached choice", () => {
  const spec = {
    nodes: [
      { id: "in", type: "Input", params: { shape: [32] } },
      { id: "d1", type: "Dense", params: { units: 128 } },
    ],
    edges: [{ from: "in", to: "d1", toIndex: 0 }],
  };
  const key = (overrides: Partial<Parameters<typeof choiceCacheKey>[0]> = {}) =>
    choiceCacheKey({
      spec,
      featureCount: 32,
      batchSize: 64,
      device: "chromium|2|true",
      ...overrides,
    });

  it("is keyed by the model, the batch size and the device, not by layer ids", () => {
    const renamed = { ...spec, nodes: spec.nodes.map((n, i) => ({ ...n, id: `n${i}` })) };
    expect(key({ spec: renamed })).toBe(key());
    const wider = {
      ...spec,
      nodes: [spec.nodes[0]!, { id: "d1", type: "Dense", params: { units: 256 } }],
    };
    expect(key({ spec: wider })).not.toBe(key());
    expect(key({ batchSize: 32 })).not.toBe(key());
    expect(key({ device: "chromium|2|false" })).not.toBe(key());
  });

  it("reads back what was written, and refuses what is not a choice", () => {
    const map = new Map<string, string>();
    const storage: KeyValueStorage = {
      getItem: (k) => map.get(k) ?? null,
      setItem: (k, v) => void map.set(k, v),
    };
    expect(readCachedChoice(storage, key())).toBeNull();
    const choice = { backend: "wasm" as const, timings: noGpuMachine };
    writeCachedChoice(storage, key(), choice);
    expect(readCachedChoice(storage, key())).toEqual(choice);
    map.set(key(), JSON.stringify({ backend: "quantum", timings: [] }));
    expect(readCachedChoice(storage, key())).toBeNull();
    map.set(key(), "{not json");
    expect(readCachedChoice(storage, key())).toBeNull();
    const refusing: KeyValueStorage = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
    };
    expect(() => writeCachedChoice(refusing, key(), choice)).not.toThrow();
    expect(readCachedChoice(refusing, key())).toBeNull();
  });
});

describe("wasm thread counts", () => {
  const wasm = (threads: number, samplesPerSecond: number): BackendTiming => ({
    ...measured("wasm", samplesPerSecond),
    threads,
  });

  it("keeps the fewest threads unless more are at least 10% faster", () => {
    // This machine's MLP: two threads lose to one (XNNPACK's pool costs more than it gives).
    expect(preferredWasmThreads([wasm(1, 18000), wasm(2, 11400)])).toBe(1);
    expect(preferredWasmThreads([wasm(2, 19000), wasm(1, 18000)])).toBe(1);
    expect(preferredWasmThreads([wasm(1, 600), wasm(4, 1500)])).toBe(4);
    expect(preferredWasmThreads([measured("wasm", 500)])).toBeNull();
    expect(preferredWasmThreads([])).toBeNull();
  });

  it("chooses and orders backends by each one's best thread count", () => {
    const timings = [wasm(1, 3000), wasm(2, 900), measured("cpu", 2000)];
    expect(fastestBackend(timings)).toBe("wasm");
    expect(backendsByMeasuredSpeed(timings)).toEqual(["wasm", "cpu", "webgpu", "webgl"]);
    expect(fastestBackend([wasm(1, 1000), wasm(2, 1050), measured("cpu", 1040)])).toBe("cpu");
  });

  it("names the thread count of each figure and keeps it in the cache", () => {
    expect(describeTimings([wasm(2, 11400), wasm(1, 18000)])).toBe(
      "WebAssembly (1 thread) 18,000 samples/s · WebAssembly (2 threads) 11,400 samples/s",
    );
    const storage = new Map<string, string>();
    const kv: KeyValueStorage = {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    };
    const choice = { backend: "wasm" as const, timings: [wasm(1, 18000), wasm(2, 11400)] };
    writeCachedChoice(kv, "k", choice);
    expect(readCachedChoice(kv, "k")).toEqual(choice);
    storage.set("k", JSON.stringify({ ...choice, timings: [{ ...wasm(0, 5) }] }));
    expect(readCachedChoice(kv, "k")).toBeNull();
  });

  it("says how many threads wasm runs on and why", () => {
    expect(
      describeWasmThreads(1, true, [
        { threads: 1, samplesPerSecond: 18000 },
        { threads: 2, samplesPerSecond: 11400 },
      ]),
    ).toBe(
      "WebAssembly runs on 1 thread, measured fastest for this model (2 threads 11,400 samples/s · 1 thread 18,000 samples/s).",
    );
    expect(describeWasmThreads(4, true)).toBe("WebAssembly runs on 4 threads.");
    expect(describeWasmThreads(1, false)).toMatch(/not cross-origin isolated/);
  });
});
