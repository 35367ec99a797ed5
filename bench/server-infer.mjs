// v2 inference throughput and latency of the studio's server: requests per second and p50/p99
// latency at 1, 8 and 64 concurrent clients over HTTP on 127.0.0.1, each level bounded by a
// request count and a time limit. The model is an iris classifier trained here; every request is
// the bundle's own example (one raw record through pipeline.onnx).
// Usage: npm run build:server && node bench/server-infer.mjs
import { startServer, share as upload, trainedBundle } from "./serverSupport.mjs";

const LEVELS = [1, 8, 64];
const MAX_REQUESTS = 4000;
const MAX_SECONDS = 10;
const WARMUP = 100;

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

const bundle = await trainedBundle();
// Rate limits off for the bench: it measures the server, not its per-address limits.
const server = await startServer({ INFER_RATE_PER_MIN: "1000000000", RATE_PER_MIN: "1000000000" });
const { url } = server;
try {
  const share = { id: await upload(url, bundle) };
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
  await server.stop();
}
