// Builds the studio and the server when a build is missing or older than its sources, then runs
// the server (studio, share API, v2 inference) on PORT (default 4173) and HOST (default
// 127.0.0.1), with its data under DATA_DIR (default ./data).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfStale(label, output, sources, args) {
  const paths = sources.map((name) => join(root, name)).filter((path) => existsSync(path));
  const built = join(root, output);
  const stale = !existsSync(built) || Math.max(...paths.map(newestMtime)) > statSync(built).mtimeMs;
  if (!stale) return;
  console.log(`Building ${label}…`);
  const result = spawnSync("npx", ["vite", "build", ...args], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

buildIfStale(
  "the studio",
  "dist/index.html",
  ["src", "public", "index.html", "vite.config.ts", "package.json"],
  [],
);
buildIfStale(
  "the server",
  "dist-server/main.js",
  ["server", "src/core", "package.json"],
  ["--config", "server/vite.config.ts"],
);

const server = spawn(process.execPath, [join(root, "dist-server", "main.js")], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, PORT: process.env.PORT ?? "4173", HOST: process.env.HOST ?? "127.0.0.1" },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
