// Transfer learning accuracy and speed in Node (see bench/transferAccuracy.ts). Needs the shipped
// backbone (public/backbones/shapes-cnn, made by scripts/make-backbone.mjs).
import { runnerImport } from "vite";

const { module } = await runnerImport("./bench/transferAccuracy.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
