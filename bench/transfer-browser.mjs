// Transfer learning speed per backend in headless Chromium (cpu, wasm, webgl, webgpu; WebGL and
// WebGPU are SwiftShader software adapters on a machine without a GPU): images/s of the shipped
// backbone's feature extraction and of training the proposed head on the features. The page is
// bench/page (transfer.ts), built as the training bench builds it. Prints a table and writes
// bench/results/transfer-<date>.json. Usage: node bench/transfer-browser.mjs (PORT, default 4192;
// BENCH_BACKENDS=wasm,cpu narrows a run; BENCH_ROUNDS, default 3). Node figures: bench/transfer.mjs.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { findChromium } from "../scripts/find-chromium.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const port = Number(process.env.PORT ?? 4192);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const backends = (process.env.BENCH_BACKENDS ?? "cpu,wasm,webgl,webgpu").split(",");
const GPU_FLAGS = ["--enable-unsafe-webgpu", "--enable-features=Vulkan", "--use-angle=swiftshader"];
// A fixed workload per backend that takes seconds on a small machine: software WebGPU is about 30×
// slower than wasm, so it gets the fewest pictures and epochs. Images/s hardly depend on the count
// once it is several batches.
const WORK = {
  cpu: { pictures: 256, epochs: 5 },
  wasm: { pictures: 512, epochs: 10 },
  webgl: { pictures: 256, epochs: 5 },
  webgpu: { pictures: 128, epochs: 2 },
};

const built = spawnSync("npx", ["vite", "build", "--config", "bench/vite.bench.config.ts"], {
  cwd: root,
  stdio: "ignore",
});
if (built.status !== 0) throw new Error("vite build of bench/page failed");
const started = Date.now();
const server = spawn(
  "npx",
  [
    "vite",
    "preview",
    "--config",
    "bench/vite.bench.config.ts",
    "--port",
    String(port),
    "--strictPort",
  ],
  { cwd: root, stdio: "ignore", detached: true },
);
const browser = await chromium.launch({
  executablePath: findChromium() ?? undefined,
  args: ["--no-sandbox", "--no-first-run", "--disable-background-networking", ...GPU_FLAGS],
});
const rows = [];
try {
  await new Promise((resolve) => setTimeout(resolve, 2500));
  const url = `http://127.0.0.1:${port}/`;
  for (const backend of backends) {
    // A fresh page per backend: one that hangs or leaks costs its own row only.
    const page = await browser.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") console.log(`  page: ${message.text()}`);
    });
    let timer;
    try {
      await page.goto(url);
      await page.waitForFunction(() => "bench" in window);
      const request = { ...WORK[backend], rounds };
      rows.push(
        await Promise.race([
          page.evaluate(({ backend, request }) => window.bench.transfer(backend, request), {
            backend,
            request,
          }),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error("timed out after 240 s")), 240_000);
          }),
        ]),
      );
    } catch (error) {
      rows.push({ backend, ...WORK[backend], error: String(error.message ?? error) });
    } finally {
      clearTimeout(timer);
      await page.close();
    }
    const r = rows[rows.length - 1];
    console.log(
      `  ${backend}: extract ${Math.round(r.extractPerSecond ?? 0)}/s, head ${Math.round(r.headPerSecond ?? 0)}/s ${r.error ?? ""}`,
    );
  }
} finally {
  await browser.close();
  process.kill(-server.pid);
}

const fmt = (n) => (typeof n === "number" ? Math.round(n).toLocaleString("en-US") : "—");
console.log(
  `\nTransfer learning in Chromium, shapes-cnn backbone (32×32×3 → ${rows.find((r) => r.featureShape)?.featureShape?.join("×") ?? "?"} features), median of ${rounds} rounds`,
);
console.log("backend  pictures  extract images/s  head epochs  head images/s");
for (const r of rows) {
  console.log(
    `${r.backend.padEnd(8)} ${String(r.pictures).padStart(8)}  ${fmt(r.extractPerSecond).padStart(16)}  ${String(r.epochs).padStart(11)}  ${fmt(r.headPerSecond).padStart(13)}${r.error ? `  ${r.error.slice(0, 60)}` : ""}`,
  );
}
console.log(
  `(${((Date.now() - started) / 1000).toFixed(0)} s; absolute figures are noisy on a shared machine, compare within one run)`,
);
mkdirSync(join(root, "bench/results"), { recursive: true });
const out = join(
  root,
  `bench/results/transfer-${new Date().toISOString().slice(0, 19).replace(/:/g, "-")}.json`,
);
writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), rounds, rows }, null, 2));
console.log(`wrote ${out}`);
