/**
 * "Use the linear model" → export: the linear model's bundle answers raw rows as try-it does, in
 * ONNX Runtime (pipeline.onnx: the preprocessing then the linear head) and in tf.js (one Dense).
 */
import * as tf from "@tensorflow/tfjs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { transformRecord } from "../data/preprocess";
import { predictLinearBaseline } from "../eval/linearBaseline";
import { predictRecords } from "../project/predict";
import type { TrainedModel } from "../project/trainedModel";
import { checkOnnxFiles } from "../../../tests/support/onnxTestHarness";
import { runOnnx } from "../../../tests/support/ortTesting";
import { makeLinearModel } from "../../../tests/support/testModels";
import { buildBundle } from "./bundle";
import { BUNDLE_FILES } from "./bundleLayout";
import { pipelineInputs } from "./pipeline/pipelineInputs";
import { readBundle } from "./readBundle";

type Made = Awaited<ReturnType<typeof makeLinearModel>>;
const cases = {
  diabetes: { file: "public/samples/diabetes.csv", target: "progression", task: "regression" },
  // A small table of numbers, categories, booleans and dates, with missing cells (80 rows).
  "mixed visits": {
    file: "tests/fixtures/bundle-mixed.csv",
    target: "visits",
    task: "regression",
    dateColumns: ["signup"],
  },
  // The table: 178 wines, alcohol from the other measurements (124 training rows).
  "wine alcohol": { file: "tests/fixtures/wine.csv", target: "alcohol", task: "regression" },
  iris: { file: "public/samples/iris.csv", target: "species", task: "classification" },
} as const;
type Key = keyof typeof cases;
const made = {} as Record<Key, Made & { bundle: Uint8Array; files: Record<string, Uint8Array> }>;

beforeAll(async () => {
  await tf.setBackend("cpu");
  for (const [key, options] of Object.entries(cases)) {
    const dateColumns = "dateColumns" in options ? [...options.dateColumns] : [];
    const linear = await makeLinearModel({ ...options, dateColumns });
    const bundle = await buildBundle(linear.model, tf);
    made[key as Key] = { ...linear, bundle, files: unzipSync(bundle) };
  }
}, 120_000);

const maxDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++)
    worst = Math.max(
      worst,
      Math.abs((a[i] as number) - (b[i] as number)) / Math.max(1, Math.abs(b[i] as number)),
    );
  return worst;
};

describe.each(Object.keys(cases) as Key[])("the %s linear model", (key) => {
  it("is Input → Dense, with the linear model's report and no epochs", () => {
    const { model, network } = made[key];
    expect(model.spec.nodes.map((n) => n.type)).toEqual(["InputLayer", "Dense"]);
    expect(model.linearFit?.method).toBe(model.task === "regression" ? "ridge" : "logistic");
    expect(model.history).toEqual([]);
    expect(model.preprocessing).toBe(network.preprocessing);
    expect(model.report).not.toEqual(network.report);
  });

  it("answers in try-it as the fitted linear model does on the test rows", async () => {
    const { model, fitted, test } = made[key];
    const width = model.preprocessing.featureNames.length;
    const records = model.sampleRows;
    const x = new Float32Array(records.length * width);
    records.forEach((record, r) => x.set(transformRecord(record, model.preprocessing), r * width));
    const direct = predictLinearBaseline(fitted, x, records.length);
    const tryIt = await predictRecords(tf, model, records);
    const label = model.preprocessing.label;
    const expected =
      label.kind === "standardized"
        ? Array.from(direct, (v) => v * label.std + label.mean)
        : direct;
    expect(maxDifference(tryIt.flat(), expected)).toBeLessThanOrEqual(1e-5);
    expect(test.rows).toBeGreaterThan(0);
  });

  it("exports a pipeline.onnx equal to try-it within 1e-5 (ONNX Runtime)", async () => {
    const { model, files } = made[key];
    const records = model.sampleRows;
    const tryIt = (await predictRecords(tf, model, records)).flat();
    const pipeline = files[BUNDLE_FILES.onnxPipeline] as Uint8Array;
    const outputs = await runOnnx(pipeline, pipelineInputs(model.preprocessing, records));
    const name = model.task === "classification" ? "probabilities" : "value";
    const onnx = outputs[name]?.data ?? [];
    const difference = maxDifference(onnx, tryIt);
    const absolute = Math.max(...tryIt.map((v, i) => Math.abs((onnx[i] ?? NaN) - v)));
    console.info(
      `${key}: pipeline.onnx vs try-it, largest difference ${difference.toExponential(2)} (relative past 1), ${absolute.toExponential(2)} absolute`,
    );
    expect(difference).toBeLessThanOrEqual(1e-5);
  });

  it("exports tf.js files holding one Dense layer, and reads back as the same model", () => {
    const { model, files, bundle } = made[key];
    const json = JSON.parse(new TextDecoder().decode(files[BUNDLE_FILES.tfjsModel])) as {
      modelTopology: { config: { layers: Array<{ class_name: string }> } };
    };
    const layers = json.modelTopology.config.layers.map((layer) => layer.class_name);
    expect(layers.filter((name) => name !== "InputLayer")).toEqual(["Dense"]);
    const back: TrainedModel = readBundle(bundle);
    expect(back).toEqual(model);
  });

  it("passes the onnx checker's full check", () => {
    const { files } = made[key];
    const { ok, report } = checkOnnxFiles([
      { name: "model", bytes: files[BUNDLE_FILES.onnxModel] as Uint8Array },
      { name: "pipeline", bytes: files[BUNDLE_FILES.onnxPipeline] as Uint8Array },
    ]);
    expect(ok, report).toBe(true);
  });
});

describe("the linear comparison in the model card", () => {
  const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

  it("shows the linear model's column and verdict on a network's card", async () => {
    const { model, network } = made.diabetes;
    const report = {
      ...network.report,
      linear: { report: model.report, iterations: 0, converged: true },
    } as TrainedModel["report"];
    const files = unzipSync(await buildBundle({ ...network, report }, tf));
    const card = text(files[BUNDLE_FILES.card]);
    expect(card).toContain("| linear model (same rows) |");
    const r2 = model.report.kind === "regression" ? model.report.r2 : NaN;
    expect(card).toMatch(
      new RegExp(`\\| R² \\| [-0-9.e]+ \\| [-0-9.e]+ \\| ${r2.toPrecision(4)} \\|`),
    );
    expect(card).toMatch(/A linear model \(ridge regression\) scores [-0-9.]+ R²/);
  });

  it("names the linear model on its own card", () => {
    const card = text(made.iris.files[BUNDLE_FILES.card]);
    expect(card).toContain("a linear model (logistic regression, served as one Dense layer)");
    expect(card).toContain("Fitted as logistic regression");
    expect(card).not.toContain("Trained for 0 epochs");
  });
});
