// What the server benchmarks share: a trained iris bundle (made by the server tests' helper,
// bundled for Node), a free port, and the built server started in its own process.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";

export const root = fileURLToPath(new URL("..", import.meta.url));

export const freePort = () =>
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
export async function trainedBundle(epochs = 3) {
  // Two folders deep, as tests/support is: the helper finds the samples at ../../.
  const outDir = join(root, "dist-bench", "server");
  await build({
    root,
    configFile: false,
    logLevel: "warn",
    ssr: { noExternal: ["onnx-proto"] },
    build: {
      ssr: "tests/support/testServer.ts",
      outDir,
      target: "node20",
      rolldownOptions: { output: { entryFileNames: "test-server.mjs" } },
    },
  });
  const { irisBundle } = await import(join(outDir, "test-server.mjs"));
  return (await irisBundle(epochs)).bundle;
}

/**
 * The built server (`main`, dist-server/main.js by default) on a free port with a fresh
 * DATA_DIR and `env` on top of this process's environment. `stop()` ends it and removes the data.
 */
export async function startServer(env = {}, main = join(root, "dist-server", "main.js")) {
  const dataDir = mkdtempSync(join(tmpdir(), "studio-bench-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  let stopping = false;
  // A server that ends on its own mid-bench is a finding, not noise: say so.
  child.once("exit", (code, signal) => {
    if (!stopping)
      console.error(`The server exited during the bench (code ${code}, signal ${signal}).`);
  });
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/v2/health/ready`)).ok) break;
    } catch {
      // not listening yet
    }
    if (i > 300) throw new Error("The server did not start.");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      stopping = true;
      child.kill("SIGTERM");
      // A server whose main thread is stuck never handles SIGTERM: it is killed after 2 s.
      const ended = new Promise((resolve) => child.once("exit", resolve));
      const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
      if (child.exitCode === null && child.signalCode === null) await ended;
      clearTimeout(timer);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Uploads `bundle`; the share's id. */
export async function share(url, bundle) {
  const response = await fetch(`${url}/api/shares`, {
    method: "POST",
    headers: { "content-type": "application/zip" },
    body: Buffer.from(bundle),
  });
  if (response.status !== 201) throw new Error(`upload answered ${response.status}`);
  return (await response.json()).id;
}
