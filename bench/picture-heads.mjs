// A head on the frozen shipped backbone vs logistic regression on its features, over picture sets
// and seeds (see bench/pictureHeads.ts). Run: node bench/picture-heads.mjs [BENCH_SEEDS=5].
import { runnerImport } from "vite";

const { module } = await runnerImport("./bench/pictureHeads.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
