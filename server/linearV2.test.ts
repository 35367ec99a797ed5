/**
 * "Use the linear model" → share: the linear model's bundle, hosted on the real server, answers v2
 * requests as the studio's try-it does (a regression sample and a small mixed table).
 */
import * as tf from "@tensorflow/tfjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundle } from "../src/core/export/bundle";
import { pipelineInputs } from "../src/core/export/pipeline/pipelineInputs";
import { predictRecords } from "../src/core/project/predict";
import type { RawRecord, TrainedModel } from "../src/core/project/trainedModel";
import { makeLinearModel } from "../tests/support/testModels";
import { removeDir, startServer, upload, type RunningServer } from "../tests/support/testServer";

let server: RunningServer;

beforeAll(async () => {
  await tf.setBackend("cpu");
  server = await startServer();
});

afterAll(async () => {
  await server?.close();
  removeDir(server.dataDir);
});

/** One v2 tensor per column [rows, 1], a missing number sent as the column's fill value. */
function v2Inputs(model: TrainedModel, records: RawRecord[]) {
  const columns = pipelineInputs(model.preprocessing, records);
  return model.preprocessing.inputs.map((t) => {
    const input = columns[t.column];
    if (!input) throw new Error(`No input for ${t.column}`);
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

const tables = [
  { file: "public/samples/diabetes.csv", target: "progression", task: "regression" as const },
  { file: "tests/fixtures/wine.csv", target: "alcohol", task: "regression" as const },
  {
    file: "tests/fixtures/bundle-mixed.csv",
    target: "visits",
    task: "regression" as const,
    dateColumns: ["signup"],
  },
];

describe("a hosted linear model", () => {
  for (const table of tables) {
    it(`answers v2 requests for ${table.file} → ${table.target} as try-it does`, async () => {
      const { model } = await makeLinearModel(table);
      const share = await (await upload(server.url, await buildBundle(model, tf))).json();
      expect(share.id).toEqual(expect.any(String));
      const records = model.sampleRows;
      const response = await fetch(`${server.url}/v2/models/${share.id}/infer`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ inputs: v2Inputs(model, records) }),
      });
      expect(response.status).toBe(200);
      const [output] = (await response.json()).outputs as Array<{
        shape: number[];
        data: number[];
      }>;
      expect(output?.shape).toEqual([records.length, 1]);
      const tryIt = (await predictRecords(tf, model, records)).flat();
      const relative = tryIt.map(
        (value, i) => Math.abs((output?.data[i] ?? NaN) - value) / Math.max(1, Math.abs(value)),
      );
      const largest = Math.max(...relative);
      console.info(`${table.target}: v2 vs try-it, largest difference ${largest.toExponential(2)}`);
      expect(largest).toBeLessThanOrEqual(1e-5);
    });
  }
});
