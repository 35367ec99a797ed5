// PyTorch beside the studio (bench/torch-speed.py): the training benchmark's workloads on
// PyTorch's CPU backend with 2 threads, when /usr/bin/python3 has torch (Debian: apt-get install
// python3-torch). bench/training.mjs prints its samples/s in its table, with the ratio.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const PYTHON = "/usr/bin/python3";
const script = fileURLToPath(new URL("./torch-speed.py", import.meta.url));

/** Why PyTorch cannot run here, or null when it can. */
export function torchMissing() {
  const probe = spawnSync(PYTHON, ["-c", "import torch"], { stdio: "ignore" });
  if (probe.error) return `${PYTHON} not found`;
  return probe.status === 0 ? null : `${PYTHON} has no torch (apt-get install python3-torch)`;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Samples/s of PyTorch training `kind` ("mlp" or "cnn") on `rows` rows, `rounds` timed rounds
 * after an untimed one: { kind, rows, threads, rounds, median, torch } or { kind, error }.
 */
export function torchSpeed(kind, rows, rounds, threads = 2) {
  const result = spawnSync(PYTHON, [script, kind, String(rows), String(rounds), String(threads)], {
    encoding: "utf8",
    timeout: 900_000,
    // OpenMP's threads spin while they wait for each other; on a machine that other work loads
    // too, a spinning thread keeps its peer off the core (10× slower seen at load average 20).
    // OMP_WAIT_POLICY=active in the environment measures the default.
    env: { OMP_WAIT_POLICY: "passive", ...process.env },
  });
  if (result.status !== 0)
    return { kind, error: (result.stderr || String(result.error)).trim().split("\n").pop() };
  const measured = JSON.parse(result.stdout.trim().split("\n").pop());
  return { ...measured, median: median(measured.rounds) };
}
