import { fileURLToPath, URL } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

export default defineConfig({
  plugins: [react()],
  resolve: {
    alias: { "@": fileURLToPath(new URL("./src", import.meta.url)) },
  },
  worker: {
    format: "es",
    // Worker bundles otherwise keep every licence comment of tf.js (about 1 MB).
    rolldownOptions: { output: { comments: { legal: false } } },
  },
  build: {
    target: "es2022",
    chunkSizeWarningLimit: 4000,
  },
  preview: {
    port: Number(process.env.PORT ?? 4173),
    host: process.env.HOST ?? "127.0.0.1",
    strictPort: true,
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts"],
    benchmark: { include: ["bench/**/*.bench.ts"] },
    testTimeout: 60_000,
  },
});
