// The server's integration tests: `npm run test:server` (real server, real HTTP, temp DATA_DIR).
import { fileURLToPath, URL } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("..", import.meta.url)),
  test: {
    environment: "node",
    include: ["server/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One file at a time: each starts servers of its own, and the hostile suite times the health
    // route while it works.
    fileParallelism: false,
  },
});
