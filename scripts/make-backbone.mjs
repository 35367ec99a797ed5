// Runs scripts/makeBackbone.ts (TypeScript, importing src/core) through Vite's module runner, so
// Node needs no TypeScript loader. Writes public/backbones/shapes-cnn/ and the transfer fixture.
import { runnerImport } from "vite";

const { module } = await runnerImport("./scripts/makeBackbone.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
