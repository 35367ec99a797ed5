// v2 inference throughput and latency of the studio's server: requests per second and p50/p99
// latency at 1, 8 and 64 concurrent clients over HTTP on 127.0.0.1, each level bounded by a
// request count and a time limit. The model is an iris classifier trained here; every request is
// the bundle's own example (one raw record through pipeline.onnx).
// Usage: npm run build:server && node bench/server-infer.mjs
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const LEVELS = [1, 8, 64];
const MAX_REQUESTS = 4000;
const MAX_SECONDS = 10;
const WARMUP = 100;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

/**
 * An iris bundle made as the server's tests make it: their TypeScript helper, bundled for Node
 * (onnx-proto is CommonJS whose named exports Node cannot see, so it is bundled in).
 */
async function trainedBundle() {
  // Three folders deep, as src/core/export is: the helper finds the samples at ../../../.
  const outDir = join(root, "dist-server", "bench", "export");
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    ssr: { noExternal: ["onnx-proto"] },
    build: {
      ssr: "server/testServer.ts",
      outDir,
      target: "node20",
      rolldownOptions: { output: { entryFileNames: "test-server.mjs" } },
    },
  });
  const { irisBundle } = await import(join(outDir, "test-server.mjs"));
  return (await irisBundle(3)).bundle;
}

async function waitForServer(url) {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${url}/v2/health/ready`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("The server did not start.");
}

const percentile = (sorted, p) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];

async function level(url, body, clients) {
  const latencies = [];
  const deadline = performance.now() + MAX_SECONDS * 1000;
  let issued = 0;
  const started = performance.now();
  const client = async () => {
    while (issued < MAX_REQUESTS && performance.now() < deadline) {
      issued++;
      const t0 = performance.now();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      if (response.status !== 200) throw new Error(`infer answered ${response.status}`);
      await response.arrayBuffer();
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  const seconds = (performance.now() - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    clients,
    requests: sorted.length,
    "req/s": Math.round(sorted.length / seconds),
    "p50 ms": +percentile(sorted, 0.5).toFixed(2),
    "p99 ms": +percentile(sorted, 0.99).toFixed(2),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), "studio-bench-"));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [join(root, "dist-server", "main.js")], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir },
  stdio: ["ignore", "ignore", "inherit"],
});
try {
  const bundle = await trainedBundle();
  await waitForServer(url);
  const share = await (
    await fetch(`${url}/api/shares`, {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: Buffer.from(bundle),
    })
  ).json();
  const { unzipSync } = await import("fflate");
  const example = unzipSync(bundle, { filter: (f) => f.name === "examples/v2-request.json" });
  const body = new TextDecoder().decode(example["examples/v2-request.json"]);
  const inferUrl = `${url}/v2/models/${share.id}/infer`;
  for (let i = 0; i < WARMUP; i++)
    await (
      await fetch(inferUrl, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      })
    ).arrayBuffer();
  const rows = [];
  for (const clients of LEVELS) rows.push(await level(inferUrl, body, clients));
  console.log(
    `v2 infer, iris pipeline, batch of 1, ${MAX_REQUESTS} requests or ${MAX_SECONDS} s per level:`,
  );
  console.table(rows);
} finally {
  server.kill("SIGTERM");
  rmSync(dataDir, { recursive: true, force: true });
}
