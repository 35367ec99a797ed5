import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "../src/core/export/bundle";
import { BUNDLE_FILES } from "../src/core/export/bundleLayout";
import { readZipEntries } from "../src/core/export/bundleZip";
import { runOnnx } from "../tests/support/ortTesting";
import { pipelineInputs } from "../src/core/export/pipeline/pipelineInputs";
import { makeTrainedModel } from "../tests/support/testModels";
import { predictRecords } from "../src/core/project/predict";
import type { RawRecord, TrainedModel } from "../src/core/project/trainedModel";
import {
  bearer,
  irisBundle,
  removeDir,
  startServer,
  upload,
  type RunningServer,
} from "../tests/support/testServer";

interface Hosted {
  model: TrainedModel;
  bundle: Uint8Array;
  id: string;
  ownerToken: string;
}
interface V2Tensor {
  name: string;
  shape: number[];
  datatype: string;
  data: Array<number | string>;
}

let server: RunningServer;
const hosted: Record<"iris" | "mixed", Hosted> = {} as Record<"iris" | "mixed", Hosted>;

beforeAll(async () => {
  await tf.setBackend("cpu");
  server = await startServer();
  const mixed = await makeTrainedModel({
    file: "tests/fixtures/bundle-mixed.csv",
    target: "plan",
    task: "classification",
    dateColumns: ["signup"],
  });
  const models = {
    iris: await irisBundle(5),
    mixed: { model: mixed, bundle: await buildBundle(mixed, tf) },
  };
  for (const [key, { model, bundle }] of Object.entries(models)) {
    const share = await (await upload(server.url, bundle)).json();
    hosted[key as "iris" | "mixed"] = { model, bundle, id: share.id, ownerToken: share.ownerToken };
  }
});

afterAll(async () => {
  await server?.close();
  removeDir(server.dataDir);
});

const infer = (id: string, body: unknown, path = "") =>
  fetch(`${server.url}/v2/models/${id}${path}/infer`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

/**
 * The v2 inputs for raw records, one tensor per column [rows, 1]: the pipeline's own encoding
 * (pipelineInputs), with the column's fill value where a number is missing (JSON has no NaN; the
 * pipeline imputes exactly that value).
 */
function v2Inputs(model: TrainedModel, records: RawRecord[]): V2Tensor[] {
  const columns = pipelineInputs(model.preprocessing, records);
  return model.preprocessing.inputs.map((t) => {
    const input = columns[t.column]!;
    const fill = "fillValue" in t ? Number(t.fillValue) : 0;
    return input.type === "float"
      ? {
          name: t.column,
          shape: [records.length, 1],
          datatype: "FP32",
          data: Array.from(input.values, (v) => (Number.isNaN(v) ? fill : v)),
        }
      : { name: t.column, shape: [records.length, 1], datatype: "BYTES", data: input.values };
  });
}

function expectClose(actual: number[], expected: ArrayLike<number>, tolerance: number) {
  expect(actual.length).toBe(expected.length);
  actual.forEach((value, i) =>
    expect(Math.abs(value - Number(expected[i]))).toBeLessThanOrEqual(tolerance),
  );
}

describe("v2 inference", () => {
  it("answers health and model metadata with -1 for the batch", async () => {
    expect(await (await fetch(`${server.url}/v2/health/live`)).json()).toEqual({ live: true });
    expect(await (await fetch(`${server.url}/v2/health/ready`)).json()).toEqual({ ready: true });
    const { model, id } = hosted.mixed;
    const response = await fetch(`${server.url}/v2/models/${id}`);
    expect(response.status).toBe(200);
    const meta = await response.json();
    expect(meta).toMatchObject({ name: id, versions: ["1"], platform: "onnxruntime_onnx" });
    const expectedInputs = model.preprocessing.inputs.map((t) => ({
      name: t.column,
      datatype: t.kind === "numeric" || t.kind === "date" ? "FP32" : "BYTES",
      shape: [-1, 1],
    }));
    expect(meta.inputs).toEqual(expectedInputs);
    expect(meta.inputs.map((i: V2Tensor) => i.datatype)).toContain("BYTES");
    expect(meta.outputs).toEqual([
      expect.objectContaining({ datatype: "FP32", shape: [-1, model.labels.length] }),
    ]);
  });

  for (const key of ["iris", "mixed"] as const) {
    it(`answers ${key} raw records as ONNX Runtime on the bundle and the studio's try-it do`, async () => {
      const { model, bundle, id } = hosted[key];
      const records = model.sampleRows;
      expect(records.length).toBeGreaterThan(5);
      const response = await infer(id, { id: "req-1", inputs: v2Inputs(model, records) });
      expect(response.status).toBe(200);
      const answer = await response.json();
      expect(answer).toMatchObject({ model_name: id, model_version: "1", id: "req-1" });
      const [output] = answer.outputs as V2Tensor[];
      expect(output!.shape).toEqual([records.length, model.labels.length]);
      expect(output!.datatype).toBe("FP32");

      const pipeline = readZipEntries(bundle, [BUNDLE_FILES.onnxPipeline]).get(
        BUNDLE_FILES.onnxPipeline,
      )!;
      const direct = await runOnnx(pipeline, pipelineInputs(model.preprocessing, records));
      const [directOutput] = Object.values(direct);
      expectClose(output!.data as number[], directOutput!.data, 1e-6);

      const tryIt = await predictRecords(tf, model, records);
      expectClose(output!.data as number[], tryIt.flat(), 1e-4);
    });
  }

  it("answers the bundle's own example request with the bundle's example response", async () => {
    const { bundle, id } = hosted.mixed;
    const files = readZipEntries(bundle, [BUNDLE_FILES.v2Request, BUNDLE_FILES.v2Response]);
    const json = (name: string) => JSON.parse(new TextDecoder().decode(files.get(name)!));
    const answer = await (await infer(id, json(BUNDLE_FILES.v2Request))).json();
    const expected = json(BUNDLE_FILES.v2Response);
    expect(answer.outputs[0].shape).toEqual(expected.outputs[0].shape);
    expectClose(answer.outputs[0].data, expected.outputs[0].data, 1e-4);
  });

  it("serves each version, and the newest after an update", async () => {
    const { model, id, ownerToken } = hosted.iris;
    const records = model.sampleRows.slice(0, 3);
    const body = { inputs: v2Inputs(model, records) };
    const before = await (await infer(id, body)).json();
    const update = await irisBundle(1);
    const put = await fetch(`${server.url}/api/shares/${id}`, {
      method: "PUT",
      headers: { "content-type": "application/zip", ...bearer(ownerToken) },
      body: Buffer.from(update.bundle),
    });
    expect(put.status).toBe(200);
    const after = await (await infer(id, body)).json();
    expect(after.model_version).toBe("2");
    expectClose(
      after.outputs[0].data,
      (await predictRecords(tf, update.model, records)).flat(),
      1e-4,
    );
    expect(after.outputs[0].data).not.toEqual(before.outputs[0].data);
    const first = await (await infer(id, body, "/versions/1")).json();
    expect(first.model_version).toBe("1");
    expect(first.outputs[0].data).toEqual(before.outputs[0].data);
    const meta = await (await fetch(`${server.url}/v2/models/${id}`)).json();
    expect(meta.versions).toEqual(["1", "2"]);
  });

  it("answers 400 naming what is wrong with a bad request", async () => {
    const { model, id } = hosted.mixed;
    const good = v2Inputs(model, model.sampleRows.slice(0, 2));
    const numeric = good.find((t) => t.datatype === "FP32")!;
    const text = good.find((t) => t.datatype === "BYTES")!;
    const others = (name: string) => good.filter((t) => t.name !== name);
    const cases: Array<[unknown, RegExp]> = [
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [2] }] },
        new RegExp(`Input “${numeric.name}” has shape \\[2\\]; the model expects 2 dimensions`),
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [1, 2] }] },
        new RegExp(`Input “${numeric.name}” has shape \\[1, 2\\].*dimension 1 must be 1`),
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, datatype: "FP64" }] },
        new RegExp(`Input “${numeric.name}” has datatype FP64; the model expects FP32`),
      ],
      [
        { inputs: [...others(text.name), { ...text, datatype: "FP32" }] },
        new RegExp(`Input “${text.name}” has datatype FP32; the model expects BYTES`),
      ],
      [{ inputs: others(numeric.name) }, new RegExp(`Missing input “${numeric.name}”`)],
      [
        { inputs: [...good, { ...numeric, name: "colour" }] },
        /Unknown input “colour”; the model's inputs are: /,
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, data: [1] }] },
        new RegExp(`Input “${numeric.name}” has 1 values but its shape \\[2, 1\\] holds 2`),
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, data: ["1", 2] }] },
        new RegExp(`Input “${numeric.name}” value 0 is "1"; FP32 needs finite numbers`),
      ],
      [
        { inputs: [...others(text.name), { ...text, data: [3, "x"] }] },
        new RegExp(`Input “${text.name}” value 0 is 3; BYTES needs strings`),
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [1, 1], data: [1] }] },
        /disagree on the batch size/,
      ],
      [
        { inputs: good, outputs: [{ name: "probabilities-please" }] },
        /Unknown output “probabilities-please”/,
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [2, "1"] }] },
        /“inputs\.\d+\.shape\.1” Invalid input: expected number, received string/,
      ],
      [
        { inputs: [{ name: numeric.name, shape: [2, 1], datatype: "FP32" }] },
        /“inputs\.0\.data” Invalid input: expected array/,
      ],
      [{ inputs: [] }, /“inputs” Too small/],
      ["{not json", /not valid JSON/],
      [{ inputs: good, outputs: [] }, /“outputs” is empty: leave “outputs” out/],
      [
        { inputs: [...others(numeric.name), { ...numeric, data: [1e39, 2] }] },
        new RegExp(
          `Input “${numeric.name}” value 0 is 1e\\+39; FP32 needs finite numbers within float32's range`,
        ),
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [] }] },
        /“inputs\.\d+\.shape” Too small/,
      ],
      [
        { inputs: [...others(numeric.name), { ...numeric, shape: [0, 1], data: [] }] },
        /every dimension needs at least 1/,
      ],
      [
        JSON.stringify({ inputs: [...others(numeric.name), { ...numeric, data: "DEEP" }] }).replace(
          '"DEEP"',
          `${"[".repeat(10_000)}1${"]".repeat(10_000)}`,
        ),
        new RegExp(`Input “${numeric.name}”'s data is nested deeper than its shape`),
      ],
      [
        '{"inputs":' + "[".repeat(100_000) + "]".repeat(100_000) + "}",
        /not a v2 inference request|nested too deeply/,
      ],
    ];
    for (const [body, message] of cases) {
      const response = await infer(id, body);
      const answer = await response.json();
      expect({ status: response.status, error: answer.error }).toEqual({
        status: 400,
        error: expect.stringMatching(message),
      });
    }
  });

  it("answers 404 for an unknown model or version", async () => {
    expect((await fetch(`${server.url}/v2/models/AAAAAAAAAAAAAAAAAAAAAA`)).status).toBe(404);
    const response = await infer(hosted.mixed.id, { inputs: [] }, "/versions/9");
    expect(response.status).toBe(404);
    const missing = await fetch(`${server.url}/v2/models/${hosted.mixed.id}/versions/9`);
    expect(missing.status).toBe(404);
    expect((await missing.json()).error).toMatch(/no version 9/);
  });
});
