// The health prober of bench/server-load.mjs, in a process of its own so that the load
// generator's own pauses (autocannon, the hostile clients' multi-megabyte bodies) are not charged
// to the server: asks `${url}/v2/health/live` every 20 ms until its stdin closes, then prints the
// latencies' p99, max and count as JSON.
const url = process.argv[2];
const latencies = [];
let running = true;
process.stdin.resume();
process.stdin.on("end", () => (running = false));
while (running) {
  const t0 = performance.now();
  try {
    const response = await fetch(`${url}/v2/health/live`, { signal: AbortSignal.timeout(30_000) });
    await response.arrayBuffer();
    latencies.push(performance.now() - t0);
  } catch {
    latencies.push(Infinity);
  }
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const sorted = latencies.sort((a, b) => a - b);
process.stdout.write(
  JSON.stringify({
    p99: sorted[Math.floor(0.99 * (sorted.length - 1))] ?? null,
    max: sorted.at(-1) ?? null,
    count: sorted.length,
  }),
);
