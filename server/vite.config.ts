// Bundles the server (and the src/core modules it imports) for Node 20: dist-server/main.js and
// the worker threads' entry dist-server/worker.js (they share chunks). Packages stay external:
// fastify, piscina, better-sqlite3 and onnxruntime-node load from node_modules (onnx-proto is
// bundled in).
import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  publicDir: false,
  // onnx-proto is CommonJS whose `onnx` export Node cannot name from ESM: bundled in.
  ssr: { noExternal: ["onnx-proto"] },
  build: {
    ssr: true,
    outDir: "dist-server",
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    rolldownOptions: {
      input: { main: "server/main.ts", worker: "server/work/worker.ts" },
      output: { entryFileNames: "[name].js", chunkFileNames: "chunks/[name]-[hash].js" },
    },
  },
});
