import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vite";
import base from "../vite.config";

// Builds bench/page (the training and transfer benchmarks' page) with the studio's own settings and headers.
export default defineConfig({
  ...base,
  root: fileURLToPath(new URL("./page", import.meta.url)),
  // The studio's public/ (the transfer bench fetches the shipped backbone from it).
  publicDir: fileURLToPath(new URL("../public", import.meta.url)),
  build: {
    ...base.build,
    outDir: fileURLToPath(new URL("../dist-bench", import.meta.url)),
    emptyOutDir: true,
  },
  test: undefined,
});
