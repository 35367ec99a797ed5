import * as tf from "@tensorflow/tfjs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { preprocessRecord, predictRecords, buildTrainedModel } from "../project/predict";
import type { RawRecord, TrainedModel } from "../project/trainedModel";
import { buildBundle, bundleFileNames, bundleFiles, checkBundleSize } from "./bundle";
import { BUNDLE_FILES, servingModelName, tritonFiles } from "./bundleLayout";
import { checkOnnxFiles } from "../../../tests/support/onnxTestHarness";
import { runOnnx } from "../../../tests/support/ortTesting";
import { pipelineInputs } from "./pipeline/pipelineInputs";
import { readBundle } from "./readBundle";
import type { V2Request, V2Response } from "./servingExample";
import { makeTrainedModel } from "../../../tests/support/testModels";
import { mlpSpec } from "../model/templates";

const models: Record<string, TrainedModel> = {};
const bundles: Record<string, Uint8Array> = {};
const files: Record<string, Record<string, Uint8Array>> = {};

beforeAll(async () => {
  await tf.setBackend("cpu");
  // Batch normalisation (non-trainable moving statistics) and dropout, besides Dense.
  models.iris = await makeTrainedModel({
    file: "public/samples/iris.csv",
    target: "species",
    task: "classification",
    spec: (featureCount, classCount) =>
      mlpSpec(
        { hidden: [{ units: 8, activation: "relu", dropout: 0.2 }], batchNorm: true },
        { featureCount, task: "classification", classCount },
      ),
  });
  models.diabetes = await makeTrainedModel({
    file: "public/samples/diabetes.csv",
    target: "progression",
    task: "regression",
  });
  models.mixed = await makeTrainedModel({
    file: "tests/fixtures/bundle-mixed.csv",
    target: "plan",
    task: "classification",
    dateColumns: ["signup"],
  });
  for (const [key, model] of Object.entries(models)) {
    bundles[key] = await buildBundle(model, tf);
    files[key] = unzipSync(bundles[key] as Uint8Array);
  }
}, 120_000);

const NAMES = ["iris", "diabetes", "mixed"] as const;
const fileOf = (key: string, path: string) => {
  const data = files[key]?.[path];
  if (!data) throw new Error(`${key} has no ${path}`);
  return data;
};
const jsonOf = <T>(key: string, path: string) =>
  JSON.parse(new TextDecoder().decode(fileOf(key, path))) as T;

/** |a − b| within 1e-5, relative for values past 1 (float32 keeps ~7 digits). */
function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, what: string) {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as number;
    const tolerance = 1e-5 * Math.max(1, Math.abs(e));
    expect(Math.abs((actual[i] as number) - e), `${what}[${i}]`).toBeLessThanOrEqual(tolerance);
  }
}

const edgeRows: RawRecord[] = [
  { age: null, city: null, member: null, signup: null, visits: null },
  { age: "abc", city: "Marseille", member: "maybe", signup: "2019-13-45", visits: "NA" },
  { age: "64", city: "Paris", member: "YES", signup: "2024-02-29", visits: "12.5" },
];

describe.each(NAMES)("the %s bundle", (key) => {
  it("holds every file, and reads back into the same TrainedModel", () => {
    const model = models[key] as TrainedModel;
    if (key === "iris") {
      expect(model.spec.nodes.map((n) => n.type)).toContain("BatchNormalization");
      expect(model.weights.map((w) => w.name)).toContain("batch_normalization_1/moving_variance");
    }
    expect(Object.keys(files[key] ?? {}).sort()).toEqual([...bundleFileNames(model)].sort());
    expect(readBundle(bundles[key] as Uint8Array)).toEqual(model);
  });

  it("has tf.js files that load back with identical outputs", async () => {
    const model = models[key] as TrainedModel;
    const modelJson = jsonOf<tf.io.ModelJSON>(key, BUNDLE_FILES.tfjsModel);
    const weightData = fileOf(key, BUNDLE_FILES.tfjsWeights);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights,
        weightData: weightData.slice().buffer,
      }),
    );
    const original = buildTrainedModel(tf, model);
    const x = model.sampleRows.map((row) => Array.from(preprocessRecord(model.preprocessing, row)));
    const [a, b] = tf.tidy(() =>
      [loaded, original].map((m) => (m.predict(tf.tensor2d(x)) as tf.Tensor).dataSync()),
    );
    expect(Array.from(a ?? [])).toEqual(Array.from(b ?? []));
    expect(a?.length).toBeGreaterThan(0);
    loaded.dispose();
    original.dispose();
  });

  it("has a pipeline.onnx that answers raw rows as try-it does (ONNX Runtime)", async () => {
    const model = models[key] as TrainedModel;
    const records = key === "mixed" ? [...model.sampleRows, ...edgeRows] : model.sampleRows;
    const expected = await predictRecords(tf, model, records);
    const pipeline = fileOf(key, BUNDLE_FILES.onnxPipeline);
    const outputs = await runOnnx(pipeline, pipelineInputs(model.preprocessing, records));
    const name = model.task === "classification" ? "probabilities" : "value";
    expect(outputs[name]?.dims).toEqual([records.length, expected[0]?.length]);
    expectClose(outputs[name]?.data ?? [], expected.flat(), `${key} ${name}`);
  });

  it("has a model.onnx equal to tf.js on preprocessed rows", async () => {
    const model = models[key] as TrainedModel;
    const width = model.preprocessing.featureNames.length;
    const x = new Float32Array(model.sampleRows.length * width);
    model.sampleRows.forEach((row, r) =>
      x.set(preprocessRecord(model.preprocessing, row), r * width),
    );
    const layers = buildTrainedModel(tf, model);
    const expected = tf.tidy(() =>
      (layers.predict(tf.tensor2d(x, [model.sampleRows.length, width])) as tf.Tensor).dataSync(),
    );
    layers.dispose();
    const input = model.spec.inputs[0] as string;
    const output = model.spec.outputs[0] as string;
    const result = await runOnnx(fileOf(key, BUNDLE_FILES.onnxModel), {
      [input]: { type: "float", values: x, shape: [model.sampleRows.length, width] },
    });
    expectClose(result[output]?.data ?? [], expected, `${key} model.onnx`);
  });

  it("passes onnx.checker's full check (model, pipeline, Triton's copy)", () => {
    const model = models[key] as TrainedModel;
    const { ok, report } = checkOnnxFiles([
      { name: "model", bytes: fileOf(key, BUNDLE_FILES.onnxModel) },
      { name: "pipeline", bytes: fileOf(key, BUNDLE_FILES.onnxPipeline) },
      { name: "triton", bytes: fileOf(key, tritonFiles(model).model) },
    ]);
    expect(ok, report).toBe(true);
    expect(report.match(/^ok /gm)).toHaveLength(3);
  });

  it("has a card whose v2 request returns, in ONNX Runtime, the output the card states", async () => {
    const model = models[key] as TrainedModel;
    const request = jsonOf<V2Request>(key, BUNDLE_FILES.v2Request);
    const response = jsonOf<V2Response>(key, BUNDLE_FILES.v2Response);
    const card = new TextDecoder().decode(fileOf(key, BUNDLE_FILES.card));
    expect(card).toContain(JSON.stringify(request));
    expect(card).toContain(JSON.stringify(response));
    expect(card).toContain(`/v2/models/${servingModelName(model.name)}/infer`);
    expect(card).toContain(
      "tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras",
    );
    const feeds = Object.fromEntries(
      request.inputs.map((input) => [
        input.name,
        input.datatype === "FP32"
          ? {
              type: "float" as const,
              values: Float32Array.from(input.data as number[]),
              shape: input.shape,
            }
          : { type: "string" as const, values: input.data as string[] },
      ]),
    );
    const outputs = await runOnnx(fileOf(key, tritonFiles(model).model), feeds);
    for (const expected of response.outputs) {
      expect(outputs[expected.name]?.dims).toEqual(expected.shape);
      expectClose(outputs[expected.name]?.data ?? [], expected.data as number[], expected.name);
    }
  });

  it("has a Triton config and a KServe service that match the served graph", () => {
    const model = models[key] as TrainedModel;
    const name = servingModelName(model.name);
    const config = new TextDecoder().decode(fileOf(key, tritonFiles(model).config));
    expect(config).toContain(`name: "${name}"`);
    expect(config).toContain('platform: "onnxruntime_onnx"');
    const request = jsonOf<V2Request>(key, BUNDLE_FILES.v2Request);
    for (const input of request.inputs) {
      const type = input.datatype === "FP32" ? "TYPE_FP32" : "TYPE_STRING";
      expect(config).toContain(
        `name: ${JSON.stringify(input.name)}\n    data_type: ${type}\n    dims: [ 1 ]`,
      );
    }
    const width = model.task === "classification" ? model.labels.length : 1;
    expect(config).toMatch(
      new RegExp(
        `output \\[\\n  \\{\\n    name: "(probabilities|value)"\\n    data_type: TYPE_FP32\\n    dims: \\[ ${width} \\]`,
      ),
    );
    const yaml = new TextDecoder().decode(fileOf(key, BUNDLE_FILES.kserve));
    expect(yaml).toContain(`name: ${name}\n`);
    expect(yaml).toContain("protocolVersion: v2");
    expect(yaml).toContain("storageUri: ");
  });
});

describe("buildBundle", () => {
  it("refuses a bundle the studio could not import again", async () => {
    const model = models.iris as TrainedModel;
    const all = await bundleFiles(model, tf);
    const total = Object.values(all).reduce((n, d) => n + d.length, 0);
    expect(() => checkBundleSize(all, total)).not.toThrow();
    expect(() => checkBundleSize(all, total - 1)).toThrow(
      /more than the 1 MB the studio can import/,
    );
  });
});
