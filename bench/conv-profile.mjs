// Where a training step of the training benchmark's CNN spends its time on wasm, per kernel, in
// Node on one thread, with the studio's kernels registered: CPU time (user + system) of each
// kernel's outermost calls, so the figures hold up on a machine that other work loads too.
// DETAIL=1 splits each kernel by its input shapes; STEPS (default 20) timed steps after 5.
import { runnerImport } from "vite";

const { module } = await runnerImport("./bench/convProfile.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
