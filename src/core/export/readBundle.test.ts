import * as tf from "@tensorflow/tfjs";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { TrainedModel } from "../project/trainedModel";
import { buildBundle } from "./bundle";
import { BUNDLE_FILES } from "./bundleLayout";
import { BUNDLE_MAX_BYTES } from "./bundleZip";
import { BundleError, readBundle } from "./readBundle";
import { makeIrisModel } from "../../../tests/support/testModels";

let model: TrainedModel;
let good: Uint8Array;
let entries: Record<string, Uint8Array>;

beforeAll(async () => {
  await tf.setBackend("cpu");
  model = await makeIrisModel(1);
  good = await buildBundle(model, tf);
  entries = unzipSync(good);
});

/** The good bundle with some entries replaced (null removes one). */
function rezip(changes: Record<string, Uint8Array | null>): Uint8Array {
  const files: Record<string, Uint8Array> = { ...entries };
  for (const [name, data] of Object.entries(changes)) {
    if (data === null) delete files[name];
    else files[name] = data;
  }
  return zipSync(files);
}

const decode = (bytes: Uint8Array | undefined) => JSON.parse(new TextDecoder().decode(bytes));
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** The good bundle with one JSON entry edited. */
function withJson(name: string, edit: (value: Record<string, unknown>) => unknown): Uint8Array {
  return rezip({ [name]: encode(edit(decode(entries[name]))) });
}

function expectRejected(bytes: Uint8Array, message: RegExp) {
  let caught: unknown;
  try {
    readBundle(bytes);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(BundleError);
  expect((caught as Error).message).toMatch(message);
}

type Manifest = { weightsManifest: Array<{ weights: Array<{ shape: number[]; dtype: string }> }> };
const firstWeight = (json: Record<string, unknown>) =>
  (json as unknown as Manifest).weightsManifest[0]?.weights[0] as {
    shape: number[];
    dtype: string;
  };

describe("readBundle rejects a bad bundle with a message a person can act on", () => {
  it("reads the good bundle (the baseline for every case below)", () => {
    expect(readBundle(good)).toEqual(model);
  });

  it("a truncated file", () => {
    expectRejected(good.slice(0, Math.floor(good.length / 2)), /damaged or cut short/);
  });

  it("a file that is not a zip, or empty", () => {
    expectRejected(new TextEncoder().encode("sepal_length,species\n5.1,setosa\n"), /not a zip/);
    expectRejected(new Uint8Array(0), /not a zip/);
  });

  it("a bundle past the size cap, compressed or as declared unpacked", () => {
    const huge = new Uint8Array(BUNDLE_MAX_BYTES + 1);
    huge.set([0x50, 0x4b, 3, 4]);
    expectRejected(huge, /bundle is 200.0 MB; the studio reads bundles up to 200 MB\./);
    // Declare a 250 MB entry in the central directory, without inflating anything.
    const lying = good.slice();
    const view = new DataView(lying.buffer);
    let at = lying.length - 22;
    while (view.getUint32(at, true) !== 0x02014b50) at--;
    view.setUint32(at + 24, 250 * 1024 * 1024, true);
    expectRejected(lying, /unpacks to 2\d\d\.\d MB; bundles up to 200 MB unpacked are read here/);
  });

  it("entry names with .., absolute paths or backslashes", () => {
    const extra = new Uint8Array([1]);
    expectRejected(rezip({ "../evil.txt": extra }), /“\.\.\/evil\.txt” that climbs out/);
    expectRejected(rezip({ "tfjs/../../evil": extra }), /climbs out/);
    expectRejected(rezip({ "/etc/cron.d/job": extra }), /is an absolute path/);
    expectRejected(rezip({ "C:/Windows/evil": extra }), /is an absolute path/);
    expectRejected(rezip({ "tfjs\\model.json": extra }), /contains a backslash/);
  });

  it("two entries with the same name", () => {
    // fflate's zipSync keys files by name, so zip a name that differs in its last byte, then patch
    // that byte wherever the name appears (local header and central directory).
    const twin = "trained-model.jsoX";
    const same = rezip({ [twin]: entries[BUNDLE_FILES.trainedModel] as Uint8Array });
    const pattern = new TextEncoder().encode(twin);
    for (let i = 0; i + pattern.length <= same.length; i++) {
      if (pattern.every((byte, k) => same[i + k] === byte)) same[i + pattern.length - 1] = 0x6e; // "n"
    }
    expectRejected(same, /two entries named “trained-model\.json”/);
  });

  it("a missing required file", () => {
    expectRejected(rezip({ [BUNDLE_FILES.trainedModel]: null }), /has no trained-model\.json/);
    expectRejected(rezip({ [BUNDLE_FILES.tfjsModel]: null }), /has no tfjs\/model\.json/);
    expectRejected(
      rezip({ [BUNDLE_FILES.tfjsWeights]: null }),
      /has no tfjs\/group1-shard1of1\.bin, which tfjs\/model\.json lists/,
    );
  });

  it("unknown layer types", () => {
    const bytes = withJson(BUNDLE_FILES.trainedModel, (json) => {
      const spec = json.spec as TrainedModel["spec"];
      spec.nodes[1] = {
        ...(spec.nodes[1] as TrainedModel["spec"]["nodes"][number]),
        type: "Quantum" as never,
      };
      return json;
    });
    expectRejected(bytes, /layer types this studio does not know: Quantum/);
  });

  it("weight bytes that do not match the manifest", () => {
    const shard = entries[BUNDLE_FILES.tfjsWeights] as Uint8Array;
    expectRejected(
      rezip({ [BUNDLE_FILES.tfjsWeights]: shard.slice(0, shard.length - 4) }),
      new RegExp(`holds ${shard.length - 4} bytes but tfjs/model.json describes ${shard.length}`),
    );
  });

  it("absurd or negative shapes, and weights that are not float32", () => {
    const edit = (change: (weight: { shape: number[]; dtype: string }) => void) =>
      withJson(BUNDLE_FILES.tfjsModel, (json) => {
        change(firstWeight(json));
        return json;
      });
    expectRejected(
      edit((w) => (w.shape = [-4, 12])),
      /weights\.0\.shape\.0: Too small/,
    );
    expectRejected(
      edit((w) => (w.shape = [65536, 65536])),
      /at most 268435456 numbers/,
    );
    expectRejected(
      edit((w) => (w.shape = [1.5, 12])),
      /expected int/,
    );
    expectRejected(
      edit((w) => (w.dtype = "int32")),
      /only float32 weights are supported/,
    );
  });

  it("NaN or infinite weights", () => {
    for (const bad of [NaN, Infinity]) {
      const shard = (entries[BUNDLE_FILES.tfjsWeights] as Uint8Array).slice();
      new DataView(shard.buffer).setFloat32(8, bad, true);
      expectRejected(
        rezip({ [BUNDLE_FILES.tfjsWeights]: shard }),
        /weights\.0: .*holds NaN or infinite numbers/,
      );
    }
  });

  it("weights that do not fit the spec", () => {
    const bytes = withJson(BUNDLE_FILES.trainedModel, (json) => {
      const spec = json.spec as TrainedModel["spec"];
      const dense = spec.nodes.find((n) => n.type === "Dense");
      if (dense) dense.params = { ...dense.params, units: 13 };
      return json;
    });
    expectRejected(
      bytes,
      /weights do not fit the model: it needs \d+ numbers and the bundle holds/,
    );
  });

  it("names and shapes that differ between trained-model.json and the manifest", () => {
    const bytes = withJson(BUNDLE_FILES.trainedModel, (json) => {
      (json.weights as Array<{ name: string }>)[0]!.name = "other/kernel";
      return json;
    });
    expectRejected(
      bytes,
      /Weight 0 is dense_1\/kernel \[4, 12\] in tfjs\/model\.json but other\/kernel/,
    );
  });

  it("schema failures, newer versions and broken JSON", () => {
    expectRejected(
      withJson(BUNDLE_FILES.trainedModel, (json) => ({ ...json, report: "great" })),
      /not valid: report/,
    );
    expectRejected(
      withJson(BUNDLE_FILES.trainedModel, (json) => ({ ...json, version: 2 })),
      /newer version of the studio/,
    );
    expectRejected(
      rezip({ [BUNDLE_FILES.trainedModel]: new TextEncoder().encode('{"version": 1,') }),
      /trained-model\.json in the bundle is not valid JSON/,
    );
  });
});
