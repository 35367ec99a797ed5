// Bundles the server (and the src/core modules it imports) into dist-server/main.js for Node 20.
// Packages stay external: fastify, better-sqlite3 and onnxruntime-node load from node_modules.
import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  publicDir: false,
  build: {
    ssr: "server/main.ts",
    outDir: "dist-server",
    emptyOutDir: true,
    target: "node20",
    sourcemap: true,
    rolldownOptions: { output: { entryFileNames: "main.js" } },
  },
});
