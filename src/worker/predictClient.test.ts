import * as tf from "@tensorflow/tfjs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { TrainedModel } from "../core/project/trainedModel";
import { makeIrisModel } from "../../tests/support/testModels";
import { WorkerPredictService } from "./predictClient";
import { predictHandlers } from "./predictHandlers";
import { LocalPredictService } from "./predictService";
import type { PredictProtocol } from "./protocol";
import { serve, type WorkerLike } from "./rpc";

let iris: TrainedModel;
beforeAll(async () => {
  await tf.setBackend("cpu");
  iris = await makeIrisModel();
});

const ports: MessagePort[] = [];
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** A predict "worker" on a real MessageChannel, serving the worker's handlers; `sent` logs calls. */
function predictClient() {
  const sent: Array<{ method: string; request: { model?: TrainedModel } }> = [];
  const start = (): WorkerLike => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serve<PredictProtocol>(port2, predictHandlers());
    return {
      postMessage: (message, transfer) => {
        sent.push(message as (typeof sent)[number]);
        port1.postMessage(message, transfer);
      },
      addEventListener: (type: string, listener: (event: MessageEvent & ErrorEvent) => void) =>
        port1.addEventListener(type, listener as EventListener),
      start: () => port1.start(),
      terminate: () => port1.close(),
    };
  };
  return { client: new WorkerPredictService(start), sent };
}

const flower = { sepal_length: "5.1", sepal_width: "3.5", petal_length: "1.4", petal_width: "0.2" };

describe("WorkerPredictService through the predict worker's handlers", () => {
  it("answers as the in-process service does, sending the model only once", async () => {
    const { client, sent } = predictClient();
    const first = await client.predict(iris, [flower]);
    const again = await client.predict(iris, [flower, { ...flower, petal_length: "5" }]);
    expect(first).toEqual(await new LocalPredictService().predict(iris, [flower]));
    expect(again[0]).toEqual(first[0]);
    expect(sent.map((m) => m.request.model !== undefined)).toEqual([true, false]);
  });

  it("reports importance progress to the end and leaves the caller's rows whole", async () => {
    const { client } = predictClient();
    const rows = 12;
    const x = Float32Array.from({ length: rows * 4 }, (_, i) => ((i * 7) % 11) / 5 - 1);
    const y = Float32Array.from({ length: rows }, (_, i) => i % 3);
    const progress: Array<[number, number]> = [];
    const result = await client.importance(iris, { x, y, rows }, (done, total) =>
      progress.push([done, total]),
    );
    expect(result.columns.map((c) => c.column)).toEqual([
      "sepal_length",
      "sepal_width",
      "petal_length",
      "petal_width",
    ]);
    const [done, total] = progress.at(-1) ?? [0, -1];
    expect(done).toBe(total);
    // Copies travel (and are handed over); the store keeps its own rows for the next request.
    expect(x).toHaveLength(rows * 4);
    expect(y).toHaveLength(rows);
  });

  it("hands the bundle's bytes back", async () => {
    const { client } = predictClient();
    const reply = await client.exportBundle(iris);
    if (!reply.ok) throw new Error(reply.problem);
    // A zip: "PK" then 3, 4.
    expect(Array.from(reply.bytes.subarray(0, 4))).toEqual([0x50, 0x4b, 3, 4]);
  });

  it("sends the model again after a request failed in the worker", async () => {
    const { client, sent } = predictClient();
    await client.predict(iris, [flower]);
    // A table model asked about a picture fails there.
    await expect(client.predictPicture(iris, new Uint8Array(16))).rejects.toThrow();
    await client.predict(iris, [flower]);
    expect(sent.map((m) => m.request.model !== undefined)).toEqual([true, false, true]);
  });
});
