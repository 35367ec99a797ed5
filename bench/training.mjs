// Training speed, per backend, in headless Chromium: the studio's loop against raw tf.js `fit` on
// the same model and data (an MLP and a small CNN), what measured auto chooses, wasm with threads
// against without, live tensors per epoch, the studio page's longest task while training, CSV
// ingest speed and first-load bytes; and PyTorch on the same workloads (torchSpeed.mjs) when
// /usr/bin/python3 has torch. Prints a table and writes bench/results/training-<date>.json.
// Usage: node bench/training.mjs (builds dist/ and dist-bench/ first). PORT (default 4191).
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { findChromium } from "../scripts/find-chromium.mjs";
import { torchMissing, torchSpeed } from "./torchSpeed.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 4191);
const GPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-angle=swiftshader"];

function build(args) {
  const result = spawnSync("npx", ["vite", "build", ...args], { cwd: root, stdio: "ignore" });
  if (result.status !== 0) throw new Error(`vite build ${args.join(" ")} failed`);
}

async function serve(configArgs, use) {
  const server = spawn(
    "npx",
    ["vite", "preview", ...configArgs, "--port", String(port), "--strictPort"],
    {
      cwd: root,
      stdio: "ignore",
      detached: true,
    },
  );
  const browser = await chromium.launch({
    executablePath: findChromium() ?? undefined,
    args: ["--no-sandbox", "--no-first-run", "--disable-background-networking", ...GPU_FLAGS],
  });
  try {
    await new Promise((resolve) => setTimeout(resolve, 2500));
    return await use(browser);
  } finally {
    await browser.close();
    process.kill(-server.pid);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** Bytes (raw and gzip) of what index.html loads before anything else: scripts, preloads, CSS. */
function firstLoadBytes() {
  const html = readFileSync(join(root, "dist", "index.html"), "utf8");
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1],
  );
  let raw = 0;
  let gzip = 0;
  let jsGzip = 0;
  for (const file of new Set(files)) {
    const bytes = readFileSync(join(root, "dist", file));
    raw += bytes.length;
    const zipped = gzipSync(bytes).length;
    gzip += zipped;
    if (file.endsWith(".js")) jsGzip += zipped;
  }
  return { files: [...new Set(files)], raw, gzip, jsGzip };
}

// Rows per backend, so that each epoch takes seconds on a small machine (samples/s do not depend
// much on the row count once an epoch is many batches long).
const ROWS = {
  cpu: { mlp: 6000, cnn: 64 },
  wasm: { mlp: 20000, cnn: 512 },
  webgl: { mlp: 4000, cnn: 128 },
  webgpu: { mlp: 1024, cnn: 64 },
};

// BENCH_PARTS narrows what runs: speed (studio against raw), auto, threads, studio (the page).
const parts = new Set((process.env.BENCH_PARTS ?? "speed,auto,threads,studio").split(","));
// Rounds of studio and raw per backend and model, interleaved (BENCH_ROUNDS, default 3).
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
if (parts.has("studio")) build([]);
build(["--config", "bench/vite.bench.config.ts"]);
const started = Date.now();

/** One page.evaluate with a time limit: a backend that hangs costs a reload, not the run. */
async function within(page, seconds, url, action) {
  let timer;
  try {
    return await Promise.race([
      action(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${seconds} s`)), seconds * 1000);
      }),
    ]);
  } catch (error) {
    await page.goto(url);
    await page.waitForFunction(() => "bench" in window);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const bench = await serve(["--config", "bench/vite.bench.config.ts"], async (browser) => {
  const page = await browser.newPage();
  page.setDefaultTimeout(900_000);
  const url = `http://127.0.0.1:${port}/`;
  await page.goto(url);
  await page.waitForFunction(() => "bench" in window);
  page.on("console", (message) => {
    if (message.type() === "error") console.log(`  page: ${message.text()}`);
  });
  // BENCH_BACKENDS=wasm,cpu narrows a run; software WebGPU and WebGL take minutes on a CNN.
  const backends = (process.env.BENCH_BACKENDS ?? "cpu,wasm,webgl,webgpu").split(",");
  const kinds = (process.env.BENCH_KINDS ?? "mlp,cnn").split(",");
  const single = [];
  for (const backend of parts.has("speed") ? backends : []) {
    for (const kind of kinds) {
      const rows = ROWS[backend][kind];
      try {
        single.push(
          await within(page, 150 * rounds, url, () =>
            page.evaluate((options) => window.bench.run(options), { backend, kind, rows, rounds }),
          ),
        );
      } catch (error) {
        single.push({ backend, kind, rows, error: String(error.message ?? error) });
      }
      const last = single[single.length - 1];
      console.log(
        `  ${backend} ${kind}: studio ${Math.round(last.studio ?? 0)}/s, raw ${Math.round(last.raw ?? 0)}/s, ratio ${last.ratio?.toFixed(2) ?? "—"} (rounds ${(last.studioRounds ?? []).map((s, i) => (s / last.rawRounds[i]).toFixed(2)).join(" ")}) ${last.error ?? ""}`,
      );
    }
  }
  const autoFor = async (kind) => {
    try {
      return await within(page, 150, url, () =>
        page.evaluate((kind) => window.bench.auto(kind, ["webgpu", "webgl", "wasm", "cpu"]), kind),
      );
    } catch (error) {
      return { chosen: null, error: String(error.message ?? error) };
    }
  };
  const autoMlp = parts.has("auto") ? await autoFor("mlp") : { chosen: null };
  const autoCnn =
    parts.has("auto") && process.env.BENCH_AUTO_CNN !== "0"
      ? await autoFor("cnn")
      : { chosen: null };
  // Threaded wasm runs in dedicated workers, as the studio trains (a page's main thread cannot
  // start the threaded build's pool).
  const threads = {};
  for (const kind of parts.has("threads") ? kinds : []) {
    try {
      const t = await within(page, 300 * rounds, url, () =>
        page.evaluate(({ rows, rounds, kind }) => window.bench.threads(rows, rounds, kind), {
          rows: ROWS.wasm[kind],
          rounds,
          kind,
        }),
      );
      threads[kind] = t;
      console.log(
        `  wasm ${kind} in a worker: ${t.threadsUsed} threads ${Math.round(t.threads)}/s, one thread ${Math.round(t.oneThread)}/s, single-threaded build ${Math.round(t.singleBuild)}/s, studio's measured choice (${t.studioThreads.join(",")} threads, from ${t.studioMeasured.map((m) => m.join("/")).join(", ")} samples/s) ${Math.round(t.studioChoice)}/s`,
      );
    } catch (error) {
      threads[kind] = { error: String(error.message ?? error) };
    }
  }
  const isolated = await page.evaluate(() => window.bench.isolated);
  return { single, isolated, autoMlp, autoCnn, threads };
});

// PyTorch on the same workloads, right after the browser's rounds (BENCH_PARTS includes "speed").
const torchAbsent = parts.has("speed") ? torchMissing() : "not asked for";
const torch = [];
if (!torchAbsent) {
  for (const kind of (process.env.BENCH_KINDS ?? "mlp,cnn").split(",")) {
    const measured = torchSpeed(kind, ROWS.wasm[kind], rounds);
    torch.push(measured);
    console.log(
      `  pytorch ${kind}: ${Math.round(measured.median ?? 0)}/s (rounds ${(measured.rounds ?? []).map(Math.round).join(" ")}) ${measured.error ?? ""}`,
    );
  }
}

// The studio page itself: CSV ingest and the longest main-thread task while training on wasm.
const csvPath = "/tmp/model-studio-bench.csv";
let studio = null;
if (parts.has("studio")) {
  spawnSync("node", [join(root, "bench/make-big-csv.mjs"), csvPath, "100000"], { stdio: "ignore" });
  const csvBytes = statSync(csvPath).size;
  studio = await serve([], async (browser) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(300_000);
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.evaluate(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries())
          window.__long.push({ at: entry.startTime, ms: entry.duration });
      }).observe({ type: "longtask" });
    });
    const loadStarted = Date.now();
    await page
      .getByTestId("dataset-drop")
      .locator("input[type=file]:not([webkitdirectory])")
      .setInputFiles(csvPath);
    await page.locator('[data-testid="train-button"]:not([disabled])').waitFor();
    const ingestSeconds = (Date.now() - loadStarted) / 1000;
    const ingestLong = await page.evaluate(() => window.__long.map((t) => t.ms));
    await page.getByTestId("epochs-input").fill("2");
    await page.getByTestId("backend-select").selectOption("wasm");
    await page.waitForTimeout(500);
    await page.evaluate(() => (window.__long = []));
    const trainStarted = await page.evaluate(() => performance.now());
    await page.getByTestId("train-button").click();
    await page.locator('[data-testid="training-status"][data-state="done"]').waitFor();
    const trainEnded = await page.evaluate(() => performance.now());
    // Until the report is on the page too: what follows training (evaluation, its charts).
    await page.getByTestId("eval-table").waitFor();
    await page.waitForTimeout(1000);
    const long = await page.evaluate(() => window.__long);
    const speeds = await page.getByTestId("backend-speeds").getAttribute("data-wasm-threads");
    const during = long.filter((t) => t.at >= trainStarted && t.at <= trainEnded);
    return {
      csvMegabytes: csvBytes / 1e6,
      ingestSeconds,
      ingestMBps: csvBytes / 1e6 / ingestSeconds,
      ingestLongestTaskMs: Math.max(0, ...ingestLong),
      trainingSeconds: (trainEnded - trainStarted) / 1000,
      longTasks: during.length,
      longestTaskMs: Math.max(0, ...during.map((t) => t.ms)),
      longTasksAfter: long.length - during.length,
      longestTaskAfterMs: Math.max(0, ...long.filter((t) => t.at > trainEnded).map((t) => t.ms)),
      longTaskList: long.map((t) => ({ at: Math.round(t.at - trainStarted), ms: t.ms })),
      wasmThreads: Number(speeds),
    };
  });
}

// dist/ is built only when the studio page is measured (BENCH_PARTS includes "studio").
const firstLoad = parts.has("studio") ? firstLoadBytes() : null;
const rows = bench.single;
const fmt = (n) => (typeof n === "number" ? Math.round(n).toLocaleString("en-US") : "—");
console.log(
  `\nbackend  model  rows    studio/s  raw fit/s  studio/raw (median of ${rounds} interleaved rounds)  tensors per epoch`,
);
for (const r of rows) {
  console.log(
    `${r.backend.padEnd(8)} ${r.kind.padEnd(6)} ${String(r.rows).padEnd(7)} ${fmt(r.studio).padStart(8)}  ${fmt(r.raw).padStart(9)}  ${(r.ratio?.toFixed(2) ?? "—").padStart(5)}  ${r.error ? r.error.slice(0, 60) : (r.tensors ?? []).join(",")}`,
  );
}
if (torchAbsent) console.log(`pytorch: skipped, ${torchAbsent}`);
for (const t of torch) {
  const wasm = rows.find((r) => r.backend === "wasm" && r.kind === t.kind);
  console.log(
    `${"pytorch".padEnd(8)} ${t.kind.padEnd(6)} ${String(t.rows ?? "").padEnd(7)} ${fmt(t.median).padStart(8)}  ${t.error ? t.error.slice(0, 60) : `(${t.threads} threads, torch ${t.torch}); studio wasm / pytorch ${wasm?.studio && t.median ? (wasm.studio / t.median).toFixed(2) : "—"}`}`,
  );
}
const best = (kind) =>
  rows.filter((r) => r.kind === kind && r.studio).sort((a, b) => b.studio - a.studio)[0];
for (const [kind, auto] of [
  ["mlp", bench.autoMlp],
  ["cnn", bench.autoCnn],
]) {
  if (!auto.chosen) continue;
  const fastest = best(kind);
  const chosen = rows.find((r) => r.kind === kind && r.backend === auto.chosen);
  console.log(
    `auto (${kind}): chose ${auto.chosen}; fastest measured ${fastest?.backend}; chosen/fastest ${chosen && fastest ? (chosen.studio / fastest.studio).toFixed(2) : "—"}`,
  );
}
for (const [kind, t] of Object.entries(bench.threads)) {
  if (t.error) console.log(`wasm threads (${kind}): ${t.error}`);
  else
    console.log(
      `wasm ${kind} in a worker (isolated: ${t.isolated}, ${t.cores} cores): ${t.threadsUsed} threads / one thread ${t.threadsOverOneThread.toFixed(2)}, / single-threaded build ${t.threadsOverSingleBuild.toFixed(2)}; the studio's measured choice (${t.studioThreads.join(",")} threads) / the faster of the two ${t.studioChoiceOverBest.toFixed(2)}`,
    );
}
const cpuCnn = rows.find((r) => r.backend === "cpu" && r.kind === "cnn");
const wasmCnn = rows.find((r) => r.backend === "wasm" && r.kind === "cnn");
if (cpuCnn?.studio && wasmCnn?.studio)
  console.log(`CNN wasm/cpu: ${(wasmCnn.studio / cpuCnn.studio).toFixed(1)}`);
if (studio)
  console.log(
    `studio page: CSV ingest ${studio.csvMegabytes.toFixed(1)} MB in ${studio.ingestSeconds.toFixed(1)} s = ${studio.ingestMBps.toFixed(1)} MB/s (longest task ${studio.ingestLongestTaskMs.toFixed(0)} ms); while training on wasm (${studio.wasmThreads} threads, ${studio.trainingSeconds.toFixed(1)} s): ${studio.longTasks} long tasks, longest ${studio.longestTaskMs.toFixed(0)} ms; after it (report): ${studio.longTasksAfter}, longest ${studio.longestTaskAfterMs.toFixed(0)} ms`,
  );
if (firstLoad)
  console.log(
    `first load: ${(firstLoad.gzip / 1024).toFixed(0)} KB gzip (${(firstLoad.jsGzip / 1024).toFixed(0)} KB of JS), ${(firstLoad.raw / 1024).toFixed(0)} KB raw`,
  );
console.log(
  `(${((Date.now() - started) / 1000).toFixed(0)} s; absolute figures are noisy on a shared machine, compare within one run)`,
);

mkdirSync(join(root, "bench/results"), { recursive: true });
const out = join(
  root,
  `bench/results/training-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`,
);
writeFileSync(
  out,
  JSON.stringify(
    { date: new Date().toISOString(), rounds, rows, torch, auto: bench, studio, firstLoad },
    null,
    2,
  ),
);
console.log(`wrote ${out}`);
