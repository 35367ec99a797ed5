// Builds the studio when the build is missing or older than the sources, then serves the
// production build on PORT (default 4173) and HOST (default 127.0.0.1).
import { spawnSync, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const built = join(root, "dist", "index.html");

function newestMtime(path) {
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

const sources = ["src", "public", "index.html", "vite.config.ts", "package.json"]
  .map((name) => join(root, name))
  .filter((path) => existsSync(path));
const stale = !existsSync(built) || Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
if (stale) {
  console.log("Building the studio…");
  const result = spawnSync("npx", ["vite", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const port = process.env.PORT ?? "4173";
const host = process.env.HOST ?? "127.0.0.1";
console.log(`Serving Model Studio on http://${host}:${port}/`);
const server = spawn("npx", ["vite", "preview", "--port", port, "--host", host, "--strictPort"], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
