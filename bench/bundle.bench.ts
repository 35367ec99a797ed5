import * as tf from "@tensorflow/tfjs";
import { bench, describe } from "vitest";
import { buildBundle } from "../src/core/export/bundle";
import { readBundle } from "../src/core/export/readBundle";
import { analyzeGraph } from "../src/core/model/graph";
import { millionParameterModel } from "./millionModel";

const model = await millionParameterModel();
const params = analyzeGraph(model.spec).totalParams;
const started = performance.now();
const bytes = await buildBundle(model, tf);
const exportMs = performance.now() - started;
const readStarted = performance.now();
readBundle(bytes);
console.log(
  `bundle: ${params} parameters, export ${exportMs.toFixed(0)} ms (first run), ${(bytes.length / 1e6).toFixed(1)} MB zip, import ${(performance.now() - readStarted).toFixed(0)} ms`,
);

describe(`bundle of a ${params}-parameter model (target: export < 2 s)`, () => {
  bench(
    "buildBundle",
    async () => {
      await buildBundle(model, tf);
    },
    { iterations: 5, time: 0 },
  );
  bench(
    "readBundle",
    () => {
      readBundle(bytes);
    },
    { iterations: 5, time: 0 },
  );
});
