// A bounded load test of the studio's server on 127.0.0.1 (autocannon): v2 inference on the iris
// pipeline (1 client) and metadata GETs (20 clients), each measured quiet and again with hostile
// requests in flight — uploads whose 15 MB trained-model.json takes about a second to refuse, and
// inferences of 400,000 rows that run into their deadline — while a prober asks the health route
// every 20 ms. Reports throughput, p50/p99/max latency of each, and the health route's p99/max.
// Goal (issue 18): throughput within 10% of the server before the worker pool, and unrelated
// routes (health, metadata) under 250 ms at most with hostile requests in flight.
// Usage: npm run build:server && node bench/server-load.mjs [path/to/another/main.js]
// (a second argument runs the same load against another build, e.g. an older server).
import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { strToU8, unzipSync, zipSync } from "fflate";
import { root, share, startServer, trainedBundle } from "./serverSupport.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const main = process.argv[2];

const bundle = await trainedBundle();
const example = new TextDecoder().decode(
  unzipSync(bundle, { filter: (f) => f.name === "examples/v2-request.json" })[
    "examples/v2-request.json"
  ],
);
const slowUpload = zipSync({
  ...unzipSync(bundle),
  "trained-model.json": [strToU8(`{"weights":[${"0,".repeat(7_500_000)}0]}`), { level: 1 }],
});
const column = Array.from({ length: 400_000 }, (_, i) => 4 + (i % 30) / 10);
const slowInfer = (names) =>
  JSON.stringify({
    inputs: names.map((name) => ({
      name,
      shape: [column.length, 1],
      datatype: "FP32",
      data: column,
    })),
  });

// The bench measures the server, not its per-address limits: rate limits and quotas are raised.
const server = await startServer(
  {
    INFER_RATE_PER_MIN: "1000000000",
    RATE_PER_MIN: "1000000000",
    UPLOAD_RATE_PER_MIN: "1000000000",
  },
  main,
);
const { url } = server;

/**
 * Health asked every 20 ms until stopped, from a process of its own (bench/serverProbe.mjs): the
 * latencies the server gives, not this process's own pauses while it sends megabytes.
 */
function healthProber() {
  const child = spawn(process.execPath, [join(root, "bench", "serverProbe.mjs"), url], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  const ended = new Promise((resolve) => child.once("exit", resolve));
  return async () => {
    child.stdin.end();
    await ended;
    const { p99, max, count } = JSON.parse(output);
    // JSON has no Infinity: a probe that timed out is null here.
    return { p99: p99 ?? Infinity, max: max ?? Infinity, count };
  };
}

/** Hostile clients looping until stopped: 2 slow uploads and 1 slow inference at a time. */
function hostile(inferUrl, names) {
  let running = true;
  const counts = {};
  const body = slowInfer(names);
  const loop = async (send) => {
    while (running) {
      try {
        const response = await send();
        counts[response.status] = (counts[response.status] ?? 0) + 1;
        await response.arrayBuffer();
      } catch {
        counts.error = (counts.error ?? 0) + 1;
      }
    }
  };
  // Bounded: a server that freezes (as the one before the worker pool did) ends the row anyway.
  const upload = () =>
    fetch(`${url}/api/shares`, {
      method: "POST",
      headers: { "content-type": "application/zip" },
      body: Buffer.from(slowUpload),
      signal: AbortSignal.timeout(30_000),
    });
  const infer = () =>
    fetch(inferUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(30_000),
    });
  const loops = [loop(upload), loop(upload), loop(infer)];
  return async () => {
    running = false;
    await Promise.all(loops);
    return counts;
  };
}

const run = (options) =>
  autocannon({ duration: SECONDS, timeout: 30, ...options }).then((r) => ({
    "req/s": Math.round(r.requests.average),
    "p50 ms": r.latency.p50,
    "p99 ms": r.latency.p99,
    "max ms": r.latency.max,
    non2xx: r.non2xx,
    errors: r.errors,
  }));

try {
  const id = await share(url, bundle);
  const inferUrl = `${url}/v2/models/${id}/infer`;
  const names = JSON.parse(example).inputs.map((input) => input.name);
  const infer = {
    url: inferUrl,
    method: "POST",
    headers: { "content-type": "application/json" },
    body: example,
  };
  const metadata = { url: `${url}/api/shares/${id}` };
  await run({ ...infer, connections: 1, duration: 2 }); // warm-up: the model's sessions

  const rows = {};
  for (const withHostile of [false, true]) {
    const label = withHostile ? "hostile in flight" : "quiet";
    for (const [name, options] of [
      ["v2 infer, 1 client", { ...infer, connections: 1 }],
      ["metadata GET, 20 clients", { ...metadata, connections: 20 }],
    ]) {
      const stopHostile = withHostile ? hostile(inferUrl, names) : null;
      const stopProbe = healthProber();
      const result = await run(options);
      const health = await stopProbe();
      const hostileAnswers = stopHostile ? await stopHostile() : null;
      rows[`${name} (${label})`] = {
        ...result,
        "health p99 ms": +health.p99.toFixed(1),
        "health max ms": +health.max.toFixed(1),
        hostile: hostileAnswers ? JSON.stringify(hostileAnswers) : "",
      };
    }
  }
  console.log(
    `Server load, ${SECONDS} s per row, ${main ?? "dist-server/main.js"}, load average ${loadavg()
      .map((n) => n.toFixed(1))
      .join(" ")} at the end:`,
  );
  console.table(rows);
} finally {
  await server.stop();
}
