import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "../src/core/export/bundle";
import { BUNDLE_FILES } from "../src/core/export/bundleLayout";
import { readZipEntries } from "../src/core/export/bundleZip";
import { readBundle } from "../src/core/export/readBundle";
import { runOnnx } from "../tests/support/ortTesting";
import {
  makeDigitsModel,
  smallCnnSpec,
  type ImageTestModel,
} from "../tests/support/testImageModels";
import { predictImages } from "../src/core/project/predict";
import { PIXEL_SCALE } from "../src/core/train/batchSource";
import { removeDir, startServer, upload, type RunningServer } from "../tests/support/testServer";

/** An image model hosted by the real server: the bare network, [n, H, W, C] FP32 in. */
let server: RunningServer;
let digits: ImageTestModel;
let bundle: Uint8Array;
let id: string;

beforeAll(async () => {
  await tf.setBackend("cpu");
  server = await startServer();
  digits = await makeDigitsModel({
    epochs: 1,
    spec: (classCount) => smallCnnSpec([32, 32, 1], classCount),
  });
  bundle = await buildBundle(digits.model, tf);
  const response = await upload(server.url, bundle);
  expect(response.status).toBe(201);
  id = (await response.json()).id;
});

afterAll(async () => {
  await server?.close();
  removeDir(server.dataDir);
});

const infer = (body: unknown) =>
  fetch(`${server.url}/v2/models/${id}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

const entry = (name: string) => readZipEntries(bundle, [name]).get(name) as Uint8Array;
const largestDifference = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  expect(a.length).toBe(b.length);
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i]! - b[i]!));
  return largest;
};

describe("a hosted link to an image model", () => {
  it("gives back the bundle, which opens as the same model with its pictures", async () => {
    const response = await fetch(`${server.url}/api/shares/${id}/bundle`);
    expect(response.status).toBe(200);
    const opened = readBundle(new Uint8Array(await response.arrayBuffer()));
    expect(opened).toEqual(digits.model);
    expect(opened.sampleImages).toHaveLength(8);
  });
});

describe("v2 inference for a hosted image model", () => {
  it("describes the network's input [-1, 32, 32, 1] FP32 and output [-1, 10]", async () => {
    const meta = await (await fetch(`${server.url}/v2/models/${id}`)).json();
    expect(meta.inputs).toEqual([{ name: "input", datatype: "FP32", shape: [-1, 32, 32, 1] }]);
    expect(meta.outputs).toEqual([{ name: "output", datatype: "FP32", shape: [-1, 10] }]);
  });

  it("answers every test picture [n, 32, 32, 1] as ONNX Runtime on the bundle (1e-6) and tf.js (1e-4)", async () => {
    const { test, model } = digits;
    const x = Float32Array.from(test.pixels, (v) => v * PIXEL_SCALE);
    const response = await infer({
      inputs: [
        { name: "input", shape: [test.rows, 32, 32, 1], datatype: "FP32", data: Array.from(x) },
      ],
    });
    expect(response.status).toBe(200);
    const [output] = (await response.json()).outputs;
    expect(output).toMatchObject({ name: "output", shape: [test.rows, 10], datatype: "FP32" });
    const direct = await runOnnx(entry(BUNDLE_FILES.onnxModel), {
      input: { type: "float", values: x, shape: [test.rows, 32, 32, 1] },
    });
    const vsOrt = largestDifference(output.data, direct.output!.data);
    const tfjs = largestDifference(
      output.data,
      (await predictImages(tf, model, test.pixels, test.rows)).flat(),
    );
    console.info(
      `${test.rows} pictures: max |server − ORT| = ${vsOrt}, max |server − tf.js| = ${tfjs}`,
    );
    expect(vsOrt).toBeLessThanOrEqual(1e-6);
    expect(tfjs).toBeLessThanOrEqual(1e-4);
  });

  it("answers the bundle's own example request with its example response", async () => {
    const json = (name: string) => JSON.parse(new TextDecoder().decode(entry(name)));
    const answer = await (await infer(json(BUNDLE_FILES.v2Request))).json();
    const expected = json(BUNDLE_FILES.v2Response);
    expect(answer.outputs[0].shape).toEqual([1, 10]);
    expect(largestDifference(answer.outputs[0].data, expected.outputs[0].data)).toBeLessThan(1e-5);
  });

  it("answers 400 for a picture of the wrong size or channels", async () => {
    const picture = (shape: number[]) => ({
      inputs: [
        {
          name: "input",
          shape,
          datatype: "FP32",
          data: new Array(shape.reduce((a, b) => a * b, 1)).fill(0),
        },
      ],
    });
    const small = await infer(picture([1, 28, 28, 1]));
    expect(small.status).toBe(400);
    expect((await small.json()).error).toMatch(
      /Input “input” has shape \[1, 28, 28, 1\].*dimension 1 must be 32/,
    );
    const rgb = await infer(picture([1, 32, 32, 3]));
    expect(rgb.status).toBe(400);
    expect((await rgb.json()).error).toMatch(/dimension 3 must be 1/);
  });
});
