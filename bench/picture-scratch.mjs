// The proposed CNN from scratch on photo-like shapes in mixed formats, old default vs new, over
// picture seeds (see bench/pictureScratch.ts). Run: node bench/picture-scratch.mjs.
import { runnerImport } from "vite";

const { module } = await runnerImport("./bench/pictureScratch.ts", {
  configFile: false,
  logLevel: "error",
});
await module.main();
