// Runs npm scripts side by side (one process each, for single-threaded steps such as tsc and
// ESLint that leave the other cores idle), each line of output prefixed with its script's name.
// Exits with the first failure's status once all have ended. Usage: node scripts/parallel.mjs a b
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn("npm", ["run", "--silent", name], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        for (const stream of [child.stdout, child.stderr]) {
          let rest = "";
          stream.on("data", (chunk) => {
            const lines = (rest + chunk).split("\n");
            rest = lines.pop() ?? "";
            for (const line of lines) console.log(`[${name}] ${line}`);
          });
          stream.on("end", () => rest && console.log(`[${name}] ${rest}`));
        }
        child.on("close", (code, signal) => {
          console.log(`[${name}] ${code === 0 ? "passed" : `failed (${signal ?? code})`}`);
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(results.find((code) => code !== 0) ?? 0);
