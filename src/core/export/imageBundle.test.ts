import * as tf from "@tensorflow/tfjs";
import { unzipSync, zipSync } from "fflate";
import { onnx } from "onnx-proto";
import { beforeAll, describe, expect, it } from "vitest";
import { buildTrainedModel, predictImages } from "../project/predict";
import { sampleImagePixels } from "../project/sampleImages";
import type { TrainedModel } from "../project/trainedModel";
import { PIXEL_SCALE } from "../train/batchSource";
import { buildBundle, bundleFileNames } from "./bundle";
import { BUNDLE_FILES, servingModelName, tritonFiles } from "./bundleLayout";
import { checkOnnxFiles } from "../../../tests/support/onnxTestHarness";
import { runOnnx } from "../../../tests/support/ortTesting";
import { readBundle } from "./readBundle";
import type { V2Request, V2Response } from "./servingExample";
import {
  makeDigitsModel,
  smallCnnSpec,
  type ImageTestModel,
} from "../../../tests/support/testImageModels";

/**
 * Image models leave the studio: the digits (600 real 32×32 grayscale pictures) through a small CNN
 * trained one epoch, and the studio's proposed CNN with its seeded initial weights (the cpu backend
 * trains it too slowly for a unit test), each exported and checked file by file.
 */
const made: Record<string, ImageTestModel> = {};
const files: Record<string, Record<string, Uint8Array>> = {};
const bundles: Record<string, Uint8Array> = {};

beforeAll(async () => {
  await tf.setBackend("cpu");
  made.trained = await makeDigitsModel({
    epochs: 1,
    spec: (classCount) => smallCnnSpec([32, 32, 1], classCount),
  });
  made.proposed = await makeDigitsModel({ epochs: 0 });
  for (const [key, { model }] of Object.entries(made)) {
    bundles[key] = await buildBundle(model, tf);
    files[key] = unzipSync(bundles[key] as Uint8Array);
  }
}, 240_000);

const KEYS = ["trained", "proposed"] as const;
const modelOf = (key: string) => (made[key] as ImageTestModel).model;
const fileOf = (key: string, path: string) => {
  const data = files[key]?.[path];
  if (!data) throw new Error(`${key} has no ${path}`);
  return data;
};
const textOf = (key: string, path: string) => new TextDecoder().decode(fileOf(key, path));
const jsonOf = <T>(key: string, path: string) => JSON.parse(textOf(key, path)) as T;

/** The ONNX graph's first input: its name and dims (a symbolic dim by its name). */
function onnxInput(bytes: Uint8Array) {
  const graph = onnx.ModelProto.decode(bytes).graph;
  const input = graph?.input?.[0];
  const dims = input?.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
  return { name: input?.name, elemType: input?.type?.tensorType?.elemType, dims };
}

describe.each(KEYS)("the %s digits CNN's bundle", (key) => {
  it("holds the image files (no table pipeline) and reads back into the same TrainedModel", () => {
    const model = modelOf(key);
    expect(Object.keys(files[key] ?? {}).sort()).toEqual([...bundleFileNames(model)].sort());
    expect(bundleFileNames(model)).not.toContain(BUNDLE_FILES.onnxPipeline);
    const back = readBundle(bundles[key] as Uint8Array);
    expect(back).toEqual(model);
    expect(back.preprocessing.image).toEqual({
      size: 32,
      channels: 1,
      fit: "pad",
      scaling: "unit",
      classNames: ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    });
    expect(back.sampleImages).toHaveLength(8);
  });

  it("has model.onnx taking [batch, 32, 32, 1] float32 and answering as tf.js within 1e-4 on every test picture", async () => {
    const { model, test } = made[key] as ImageTestModel;
    const bytes = fileOf(key, BUNDLE_FILES.onnxModel);
    expect(onnxInput(bytes)).toEqual({
      name: "input",
      elemType: onnx.TensorProto.DataType.FLOAT,
      dims: ["batch", 32, 32, 1],
    });
    const expected = (await predictImages(tf, model, test.pixels, test.rows)).flat();
    const x = Float32Array.from(test.pixels, (v) => v * PIXEL_SCALE);
    const result = await runOnnx(bytes, {
      input: { type: "float", values: x, shape: [test.rows, 32, 32, 1] },
    });
    const output = result[model.spec.outputs[0] as string];
    expect(output?.dims).toEqual([test.rows, 10]);
    const data = output?.data ?? new Float32Array(0);
    let largest = 0;
    expected.forEach((e, i) => (largest = Math.max(largest, Math.abs((data[i] as number) - e))));
    console.info(`${key}: max |ONNX − tf.js| over ${test.rows} pictures = ${largest}`);
    expect(expected).toHaveLength(test.rows * 10);
    expect(largest).toBeLessThanOrEqual(1e-4);
  });

  it("passes onnx.checker's full check (model and Triton's copy)", () => {
    const { ok, report } = checkOnnxFiles([
      { name: "model", bytes: fileOf(key, BUNDLE_FILES.onnxModel) },
      { name: "triton", bytes: fileOf(key, tritonFiles(modelOf(key)).model) },
    ]);
    expect(ok, report).toBe(true);
    expect(report.match(/^ok /gm)).toHaveLength(2);
  });

  it("has a v2 request made from a real test picture, and the exact answer ONNX Runtime gives", async () => {
    const model = modelOf(key);
    const picture = model.sampleImages?.[0];
    if (!picture) throw new Error("no sample picture");
    const request = jsonOf<V2Request>(key, BUNDLE_FILES.v2Request);
    const response = jsonOf<V2Response>(key, BUNDLE_FILES.v2Response);
    expect(request.inputs).toHaveLength(1);
    const [input] = request.inputs;
    expect(input).toMatchObject({ name: "input", shape: [1, 32, 32, 1], datatype: "FP32" });
    expect(input?.data).toEqual(
      Array.from(sampleImagePixels(picture), (v) => Math.fround(v * PIXEL_SCALE)),
    );
    const [tfjs] = await predictImages(tf, model, sampleImagePixels(picture), 1);
    expect(response.outputs[0]?.data).toEqual(tfjs?.map((v) => Math.fround(v)));
    const served = await runOnnx(fileOf(key, tritonFiles(model).model), {
      input: {
        type: "float",
        values: Float32Array.from(input?.data as number[]),
        shape: [1, 32, 32, 1],
      },
    });
    const out = response.outputs[0];
    expect(served[out?.name ?? ""]?.dims).toEqual(out?.shape);
    const got = served[out?.name ?? ""]?.data ?? [];
    (out?.data as number[]).forEach((v, i) =>
      expect(Math.abs((got[i] as number) - v)).toBeLessThanOrEqual(1e-5),
    );
  });

  it("has a Triton config and a KServe service for the network's dims", () => {
    const model = modelOf(key);
    const name = servingModelName(model.name);
    const config = textOf(key, tritonFiles(model).config);
    expect(config).toContain(`name: "${name}"`);
    expect(config).toContain(
      'input [\n  {\n    name: "input"\n    data_type: TYPE_FP32\n    dims: [ 32, 32, 1 ]\n  }\n]',
    );
    expect(config).toContain(
      'output [\n  {\n    name: "output"\n    data_type: TYPE_FP32\n    dims: [ 10 ]\n  }\n]',
    );
    const yaml = textOf(key, BUNDLE_FILES.kserve);
    expect(yaml).toContain(`name: ${name}\n`);
    expect(yaml).toContain("protocolVersion: v2");
  });

  it("has preprocessing.json and a model card that say how a picture becomes the input", () => {
    const model = modelOf(key);
    const preprocessing = jsonOf<TrainedModel["preprocessing"]>(key, BUNDLE_FILES.preprocessing);
    expect(preprocessing.image).toMatchObject({
      size: 32,
      channels: 1,
      fit: "pad",
      scaling: "unit",
    });
    const card = textOf(key, BUNDLE_FILES.card);
    expect(card).toContain("reads 32×32 grayscale pictures");
    expect(card).toContain(`${model.dataset.rows} pictures sorted into one folder per class`);
    expect(card).toContain("shape [batch, 32, 32, 1], FP32");
    expect(card).toContain("centred, and the rest filled with black (0) at 32×32 pixels");
    expect(card).toContain("divided by 255 into [0, 1]");
    expect(card).toContain(`a test picture of class \`${model.sampleImages?.[0]?.label}\``);
    expect(card).toContain("-d @examples/v2-request.json");
    expect(card).toContain(JSON.stringify(jsonOf(key, BUNDLE_FILES.v2Response)));
    expect(card).not.toContain("pipeline.onnx");
  });

  it("has tf.js files that load back with identical outputs on the pictures", async () => {
    const { model, test } = made[key] as ImageTestModel;
    const modelJson = jsonOf<tf.io.ModelJSON>(key, BUNDLE_FILES.tfjsModel);
    const loaded = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0]?.weights,
        weightData: fileOf(key, BUNDLE_FILES.tfjsWeights).slice().buffer,
      }),
    );
    const original = buildTrainedModel(tf, model);
    const x = Float32Array.from(test.pixels.subarray(0, 16 * 1024), (v) => v * PIXEL_SCALE);
    const [a, b] = tf.tidy(() =>
      [loaded, original].map((m) =>
        Array.from((m.predict(tf.tensor4d(x, [16, 32, 32, 1])) as tf.Tensor).dataSync()),
      ),
    );
    expect(a).toEqual(b);
    expect(a).toHaveLength(160);
    loaded.dispose();
    original.dispose();
  });
});

describe("importing an image bundle", () => {
  const edited = (changes: Record<string, unknown>) => {
    const entries = { ...(files.trained as Record<string, Uint8Array>) };
    for (const [name, value] of Object.entries(changes))
      entries[name] = new TextEncoder().encode(JSON.stringify(value));
    return zipSync(entries);
  };
  const preprocessing = () => modelOf("trained").preprocessing;

  it("refuses a preprocessing.json that differs from the model's (edited size)", () => {
    const changed = { ...preprocessing(), image: { ...preprocessing().image, size: 64 } };
    expect(() => readBundle(edited({ [BUNDLE_FILES.preprocessing]: changed }))).toThrow(
      /preprocessing.json does not match the model's own preprocessing/,
    );
  });

  it("refuses a preprocessing.json that fails its schema, naming the field", () => {
    const bad = { ...preprocessing(), image: { ...preprocessing().image, scaling: "none" } };
    expect(() => readBundle(edited({ [BUNDLE_FILES.preprocessing]: bad }))).toThrow(
      /preprocessing.json in the bundle is not valid: image.scaling/,
    );
  });

  it("refuses sample pictures whose bytes do not fit their shape", () => {
    const stored = jsonOf<Record<string, unknown>>("trained", BUNDLE_FILES.trainedModel);
    const [first, ...rest] = modelOf("trained").sampleImages ?? [];
    const broken = { ...stored, sampleImages: [{ ...first, shape: [31, 32, 1] }, ...rest] };
    expect(() => readBundle(edited({ [BUNDLE_FILES.trainedModel]: broken }))).toThrow(
      /sampleImages.0: pixels hold 1024 bytes but a 31×32×1 picture needs 992/,
    );
  });
});
