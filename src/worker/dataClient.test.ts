import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import type { SquareDecoder } from "../core/data/images/build";
import { readZipImages } from "../core/data/images/zip";
import { defaultColumnSettings } from "../core/data/columns";
import { pngDecoder } from "../../tests/support/pngTesting";
import { LoadCancelledError } from "../services/dataService";
import { WorkerDataService } from "./dataClient";
import { dataHandlers } from "./dataHandlers";
import { LocalDataService } from "./dataService";
import { LocalImageService } from "./imageService";
import type { DataProtocol } from "./protocol";
import { serve } from "./rpc";

const ports: MessagePort[] = [];

/**
 * PNGs decoded as the browser's canvas decoder does: asynchronously, so that messages (a cancel)
 * reach the worker between pictures.
 */
const asyncDecoder: SquareDecoder = async (bytes, size, fit) => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  return pngDecoder(bytes, size, fit);
};
afterEach(() => {
  for (const port of ports.splice(0)) port.close();
});

/** The page's client of a data "worker" served over a real MessageChannel, as data.worker.ts does. */
function dataClient(): WorkerDataService {
  const start = () => {
    const { port1, port2 } = new MessageChannel();
    ports.push(port1, port2);
    serve<DataProtocol>(
      port2,
      dataHandlers(new LocalDataService(), new LocalImageService(asyncDecoder)),
    );
    return Object.assign(port1, { terminate: () => port1.close() });
  };
  return new WorkerDataService(start);
}

const iris = () => new Blob([readFileSync("public/samples/iris.csv")]);

describe("WorkerDataService through the data worker's handlers", () => {
  it("loads a table with progress, plans it and hands the training arrays over", async () => {
    const client = dataClient();
    const progress: number[][] = [];
    const file = iris();
    const loaded = await client.load(file, "iris.csv", (read, total) =>
      progress.push([read, total]),
    );
    expect(loaded.summary.fileName).toBe("iris.csv");
    expect(loaded.summary.rowCount).toBe(150);
    expect(progress.at(-1)).toEqual([file.size, file.size]);
    const choices = {
      settings: loaded.profiles.map(defaultColumnSettings),
      target: "species",
      task: "classification" as const,
      fractions: { train: 0.7, validation: 0.1, test: 0.2 },
      seed: 1,
    };
    const plan = await client.plan(loaded.datasetId, choices);
    if (!plan.ok) throw new Error(plan.problem);
    expect(plan.plan.classNames).toHaveLength(3);
    const prepared = await client.prepare(loaded.datasetId, choices, 3);
    if (!prepared.ok) throw new Error(prepared.problem);
    const { train, validation, test, folds } = prepared.data;
    expect(train.rows + validation.rows + test.rows).toBe(150);
    expect(train.x).toHaveLength(train.rows * plan.plan.featureCount);
    expect(folds).toHaveLength(3);
  });

  it("rejects a table it cannot train on with the reason, naming the file", async () => {
    const client = dataClient();
    const oneColumn = new Blob([`label\n${"1\n0\n".repeat(10)}`]);
    await expect(client.load(oneColumn, "labels.csv", () => {})).rejects.toThrow(
      "“labels.csv” has a single column",
    );
    // The worker is still there for the next file.
    expect((await client.load(iris(), "iris.csv", () => {})).summary.rowCount).toBe(150);
  });

  it("answers a plan for a dataset it no longer holds with the problem, not a crash", async () => {
    const reply = await dataClient().plan("dataset-99", {
      settings: [],
      target: "x",
      task: "regression",
      fractions: { train: 0.7, validation: 0.1, test: 0.2 },
      seed: 1,
    });
    expect(reply).toEqual({ ok: false, problem: "This dataset is no longer loaded." });
  });

  it("cancels a picture load in progress: it fails as a LoadCancelledError", async () => {
    const client = dataClient();
    const zip = readFileSync("tests/fixtures/digits-png.zip");
    const files = readZipImages(new Uint8Array(zip)).files.map((f) => ({
      path: f.name,
      file: new Blob([new Uint8Array(f.bytes)]),
    }));
    const request = { size: null, channels: null, fit: "pad" as const, sourceName: "digits" };
    const loading = client.loadImages(files, request, () => {});
    client.cancelImages();
    await expect(loading).rejects.toBeInstanceOf(LoadCancelledError);
    // A load after the cancel goes through, with its pictures handed over.
    const progress: number[] = [];
    const zerosAndOnes = files.filter((f) => ["0", "1"].includes(f.path.split("/").at(-2) ?? ""));
    const result = await client.loadImages(zerosAndOnes, request, (done) => progress.push(done));
    if (!result.ok) throw new Error(result.problem);
    expect(result.dataset.classNames).toEqual(["0", "1"]);
    expect(result.dataset.labels).toHaveLength(zerosAndOnes.length);
    expect(progress.at(-1)).toBe(zerosAndOnes.length);
  });
});
