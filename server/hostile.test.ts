/**
 * Hostile uploads and requests against the real server (its own process, a free port): ONNX with
 * external-data initializers, unknown operators and Loop/Scan graphs, JSON bombs and deep nesting,
 * each refused (or answered) without reading a file and within its deadline, while the health
 * route keeps answering fast. Nothing a stranger uploads reaches ONNX Runtime.
 */
import { readFileSync } from "node:fs";
import { onnx } from "onnx-proto";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tritonFiles } from "../src/core/export/bundleLayout";
import {
  irisBundle,
  removeDir,
  startServer,
  upload,
  type RunningServer,
} from "../tests/support/testServer";

let server: RunningServer;
let iris: Uint8Array;
let irisName: string;
/** Made before the server starts: deflating 150 MB blocks this process for seconds. */
let bombs: { json60: Uint8Array; json15: Uint8Array; zeros: Uint8Array; deep: Uint8Array };

beforeAll(async () => {
  const made = await irisBundle(2);
  iris = made.bundle;
  irisName = made.model.name;
  const deflated = (name: string, data: Uint8Array) =>
    zipSync({ ...unzipSync(iris), [name]: [data, { level: 1 }] } as Zippable);
  bombs = {
    json60: deflated("trained-model.json", jsonBomb(60)),
    json15: deflated("trained-model.json", jsonBomb(15)),
    zeros: deflated("tfjs/extra.bin", new Uint8Array(120 * 1024 * 1024)),
    deep: withEntries({
      "trained-model.json": strToU8("[".repeat(1_000_000) + "]".repeat(1_000_000)),
    }),
  };
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
  removeDir(server.dataDir);
});

/** The bundle with `entries` replaced (or added); every ONNX copy the bundle holds, if `onnxAll`. */
function withEntries(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = { ...unzipSync(iris) };
  Object.assign(files, entries);
  return zipSync(files, { level: 0 });
}

/** The three ONNX files of the iris bundle replaced by `model`. */
function withOnnx(model: Uint8Array): Uint8Array {
  return withEntries({
    "onnx/model.onnx": model,
    "onnx/pipeline.onnx": model,
    [tritonFiles({ name: irisName }).model]: model,
  });
}

function pipelineModel(): onnx.ModelProto {
  return onnx.ModelProto.decode(unzipSync(iris)["onnx/pipeline.onnx"]!);
}

const encode = (model: onnx.ModelProto) => onnx.ModelProto.encode(model).finish();

/** The pipeline with its first float initializer moved to "external data" at `location`. */
function externalData(location: string): Uint8Array {
  const model = pipelineModel();
  const tensor = model.graph!.initializer!.find(
    (t) => t.dataType === onnx.TensorProto.DataType.FLOAT,
  )!;
  tensor.floatData = [];
  tensor.rawData = new Uint8Array();
  tensor.dataLocation = onnx.TensorProto.DataLocation.EXTERNAL;
  tensor.externalData = [
    { key: "location", value: location },
    { key: "offset", value: "0" },
    { key: "length", value: String(4 * (tensor.dims as number[]).reduce((a, b) => a * b, 1)) },
  ];
  return encode(model);
}

function unknownOperator(): Uint8Array {
  const model = pipelineModel();
  model.graph!.node![0]!.opType = "ReadFilePlease";
  return encode(model);
}

/** A Loop whose trip count comes from the request: it would run as long as a caller asks. */
function loopGraph(kind: "Loop" | "Scan"): Uint8Array {
  const model = pipelineModel();
  const body = onnx.GraphProto.create({ name: "body", node: [], input: [], output: [] });
  model.graph!.node!.unshift(
    onnx.NodeProto.create({
      opType: kind,
      input: ["sepal_length"],
      output: ["spin"],
      attribute: [
        onnx.AttributeProto.create({
          name: "body",
          type: onnx.AttributeProto.AttributeType.GRAPH,
          g: body,
        }),
      ],
    }),
  );
  return encode(model);
}

/** trained-model.json of `megabytes` MB: a long array, a few hundred KB once deflated. */
function jsonBomb(megabytes: number): Uint8Array {
  const size = megabytes * 1024 * 1024;
  const text = `{"weights":[${"0,".repeat(Math.floor(size / 2) - 20)}0]}`;
  return strToU8(text);
}

/** Health answered every 20 ms while `work` runs: the slowest answer, in ms. */
async function slowestHealthWhile<T>(
  work: () => Promise<T>,
): Promise<{ result: T; slowest: number; answers: number }> {
  let running = true;
  let slowest = 0;
  let answers = 0;
  const poll = (async () => {
    while (running) {
      const start = performance.now();
      const response = await fetch(`${server.url}/v2/health/live`);
      await response.arrayBuffer();
      slowest = Math.max(slowest, performance.now() - start);
      answers++;
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  try {
    const result = await work();
    return { result, slowest, answers };
  } finally {
    running = false;
    await poll;
  }
}

async function refusal(bytes: Uint8Array) {
  const start = performance.now();
  const response = await upload(server.url, bytes);
  return {
    status: response.status,
    error: ((await response.json()) as { error?: string }).error ?? "",
    ms: performance.now() - start,
  };
}

const packageJson = readFileSync("package.json", "utf8");

describe("hostile uploads", () => {
  it("refuses ONNX with external-data initializers (relative, absolute, ..) without reading a file", async () => {
    for (const location of [
      "package.json",
      "/etc/passwd",
      "../../package.json",
      "data/shares.sqlite-wal",
    ]) {
      const answer = await refusal(withOnnx(externalData(location)));
      expect(answer.status, location).toBe(400);
      expect(answer.error).toMatch(
        /is not the ONNX the studio writes for this model; the server runs only ONNX it writes itself/,
      );
      expect(answer.error).not.toContain("model-studio");
      expect(packageJson).toContain("model-studio");
    }
  });

  it("refuses unknown operators and Loop/Scan graphs, each quickly", async () => {
    for (const model of [unknownOperator(), loopGraph("Loop"), loopGraph("Scan")]) {
      const answer = await refusal(withOnnx(model));
      expect(answer.status).toBe(400);
      expect(answer.error).toMatch(/is not the ONNX the studio writes/);
      expect(answer.ms).toBeLessThan(15_000);
    }
  });

  it("refuses a hostile ONNX in one copy only (Triton's), since every copy must be the server's own", async () => {
    const answer = await refusal(
      withEntries({ [tritonFiles({ name: irisName }).model]: loopGraph("Loop") }),
    );
    expect(answer.status).toBe(400);
    expect(answer.error).toMatch(/triton\/.*model\.onnx is not the ONNX the studio writes/);
  });

  it("refuses JSON bombs from the zip's directory, before inflating, while health answers fast", async () => {
    expect(bombs.json60.length).toBeLessThan(2 * 1024 * 1024);
    const { result, slowest, answers } = await slowestHealthWhile(() =>
      Promise.all([refusal(bombs.json60), refusal(bombs.json60), refusal(bombs.json60)]),
    );
    for (const answer of result) {
      expect(answer.status).toBe(400);
      expect(answer.error).toMatch(
        /trained-model\.json unpacks to 60(\.0)? MB; at most 16 MB is read for it/,
      );
      expect(answer.ms).toBeLessThan(15_000);
    }
    expect(answers).toBeGreaterThan(0);
    expect(slowest).toBeLessThan(100);
  });

  it("refuses a weights bomb (zeros that unpack past twice the upload cap)", async () => {
    expect(bombs.zeros.length).toBeLessThan(2 * 1024 * 1024);
    const answer = await refusal(bombs.zeros);
    expect(answer.status).toBe(400);
    expect(answer.error).toMatch(
      /unpacks to 12\d\.\d MB; bundles up to 100 MB unpacked are read here/,
    );
  });

  it("refuses JSON nested a million deep, and a large JSON under the cap, in the worker, while health answers fast", async () => {
    const { result, slowest } = await slowestHealthWhile(() =>
      Promise.all([refusal(bombs.deep), refusal(bombs.json15)]),
    );
    expect(result[0]!.status).toBe(400);
    expect(result[0]!.error).toMatch(
      /trained-model\.json in the bundle is not valid: .*expected object/,
    );
    expect(result[1]!.status).toBe(400);
    expect(result[1]!.error).toMatch(
      /trained-model\.json in the bundle is not valid: weights: Too big/,
    );
    expect(result[1]!.ms).toBeLessThan(15_000);
    expect(slowest).toBeLessThan(100);
  });

  it("still takes the studio's own bundle, and its answers come from the server's ONNX", async () => {
    const response = await upload(server.url, iris);
    expect(response.status).toBe(201);
    const { id } = (await response.json()) as { id: string };
    const meta = await (await fetch(`${server.url}/v2/models/${id}`)).json();
    expect(meta.inputs).toHaveLength(4);
  });
});
