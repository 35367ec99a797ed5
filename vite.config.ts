import { availableParallelism } from "node:os";
import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";
import { CROSS_ORIGIN_ISOLATION_HEADERS } from "./src/core/backend/isolation";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  worker: {
    format: "es",
    // Worker bundles otherwise keep every licence comment of tf.js (about 1 MB).
    // tf.js's threaded wasm build hands its factory to its thread workers as source text
    // (Function.prototype.toString), so its code must survive as written: a minifier renames or drops
    // the guards around names it thinks it knows (`typeof _scriptDir`), and the threads fail.
    rolldownOptions: {
      output: { comments: { legal: false }, minify: false },
    },
  },
  // Cross-origin isolation, so the training worker can run wasm on every core (see isolation.ts).
  server: { headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS } },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4000,
  },
  preview: {
    port: Number(process.env.PORT ?? 4173),
    host: process.env.HOST ?? "127.0.0.1",
    strictPort: true,
    headers: { ...CROSS_ORIGIN_ISOLATION_HEADERS },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    benchmark: { include: ["bench/**/*.bench.ts"] },
    testTimeout: 60_000,
    // Every core (vitest's default leaves one idle: on a 2-core machine, one test file at a time).
    maxWorkers: availableParallelism(),
    // Test files in one worker share its loaded modules instead of importing tf.js, zod, the
    // exporters and the rest afresh for each of the 120 files: that import was about half of the
    // suite's time (the whole suite took 241 s instead of 440 s on two loaded cores, all passing).
    // A test therefore must not rely on a module's state being new: each sets the tf.js backend it
    // needs and opens its own projects database, as they all do.
    isolate: false,
  },
});
