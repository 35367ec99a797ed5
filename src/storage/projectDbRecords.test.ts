import "fake-indexeddb/auto";
import * as tf from "@tensorflow/tfjs";
import { IDBObjectStore as FakeObjectStore } from "fake-indexeddb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadDigits } from "../../tests/support/pngTesting";
import type { ImageDataset } from "../core/data/images/types";
import { makeIrisModel } from "../../tests/support/testModels";
import type { Project, ProjectRun } from "../core/project/project";
import { formatTwoSample, projectAround } from "../core/project/projectSamples";
import { estimateStoredBytes } from "../core/project/storedProject";
import { IndexedDbProjectStorage, StorageQuotaError } from "./projectDb";

/**
 * Image sets kept by content hash, and runs kept as records of their own (an autosave writes only
 * what changed). Real data: the digits fixture decoded in Node, and a trained iris model whose
 * weights are replaced by the digits CNN's 136,586 parameters (the studio's proposed image model).
 */

let digits: ImageDataset;
let project: Project;
let databases = 0;
const freshStorage = () => new IndexedDbProjectStorage(`records-${++databases}`);

/** The digits CNN's weight shapes: conv 3×3×1×16, conv 3×3×16×32, dense 2048×64, head 64×10. */
const CNN_SHAPES = [[3, 3, 1, 16], [16], [3, 3, 16, 32], [32], [2048, 64], [64], [64, 10], [10]];

function cnnSizedRun(run: ProjectRun, id: string, seed: number): ProjectRun {
  if (!run.model) throw new Error("sample has no model");
  const weights = CNN_SHAPES.map((shape, i) => {
    const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let j = 0; j < values.length; j++) values[j] = Math.sin(seed * 1000 + i * 7 + j);
    return { name: `w${i}`, shape, values };
  });
  return { ...run, id, model: { ...run.model, weights } };
}

beforeAll(async () => {
  await tf.setBackend("cpu");
  digits = await loadDigits();
  const model = await makeIrisModel();
  const base = projectAround(model);
  const run = base.runs[0];
  if (!run) throw new Error("sample has no run");
  project = {
    ...base,
    runs: [
      cnnSizedRun(run, "run-1", 1),
      cnnSizedRun(run, "run-2", 2),
      cnnSizedRun(run, "run-3", 3),
    ],
    currentRunId: "run-3",
  };
});

describe("image sets in storage", () => {
  it("keeps the decoded pictures once by content hash, round trip exact, freed with the last project", async () => {
    const storage = freshStorage();
    const ref = await storage.putImages(digits);
    expect(ref).toMatchObject({ kind: "images", fileName: "digits-png.zip", size: 600 * 32 * 32 });
    expect(ref.hash).toMatch(/^[0-9a-f]{64}$/);
    // The same pictures under another name are the same set: stored once.
    const again = await storage.putImages({
      ...digits,
      sourceName: "digits again",
      pixels: digits.pixels.slice(),
    });
    expect(again.hash).toBe(ref.hash);
    expect(await storage.datasetHashes()).toEqual([ref.hash]);
    // One changed pixel is another set.
    const pixels = digits.pixels.slice();
    pixels[5] = (pixels[5] ?? 0) ^ 1;
    const other = await storage.putImages({ ...digits, pixels });
    expect(other.hash).not.toBe(ref.hash);

    const read = await storage.getImages(ref.hash);
    expect(read).toEqual(digits);
    expect(read?.pixels).toBeInstanceOf(Uint8Array);
    expect(read?.labels).toBeInstanceOf(Int32Array);

    await storage.saveProject({ ...project, id: "a", dataset: ref });
    await storage.saveProject({ ...project, id: "b", dataset: again });
    await storage.saveProject({ ...project, id: "c", dataset: other });
    await storage.deleteProject("a");
    expect((await storage.datasetHashes()).sort()).toEqual([ref.hash, other.hash].sort());
    await storage.deleteProject("b");
    expect(await storage.datasetHashes()).toEqual([other.hash]);
    // A project moving to a table file frees the pictures it no longer uses.
    await storage.saveProject({ ...project, id: "c", revision: 9, dataset: null });
    expect(await storage.datasetHashes()).toEqual([]);
  });

  it("names a damaged stored set instead of handing it on", async () => {
    const storage = freshStorage();
    const ref = await storage.putImages(digits);
    await rawPut(`records-${databases}`, "images", {
      hash: ref.hash,
      dataset: { ...digits, pixels: digits.pixels.subarray(0, 100) },
    });
    await expect(storage.getImages(ref.hash)).rejects.toThrow(
      /stored pictures are damaged \(pixels/,
    );
  });
});

describe("runs stored as records of their own", () => {
  it("writes each run once; a settings change writes only the small project record", async () => {
    const storage = freshStorage();
    const wholeProject = estimateStoredBytes(project);
    await storage.saveProject(project);
    const first = { ...storage.written };
    const settingsChanged = {
      ...project,
      revision: project.revision + 1,
      trainConfig: { ...project.trainConfig, learningRate: 0.05 },
    };
    await storage.saveProject(settingsChanged);
    const autosave = storage.written.bytes - first.bytes;
    const records = storage.written.records - first.records;
    console.log(
      `3 runs of 136,586 parameters: format 2 wrote ${wholeProject} bytes per autosave; now the first save writes ${first.bytes} bytes in ${first.records} records, a settings change ${autosave} bytes in ${records} records`,
    );
    expect(records).toBe(2); // the project record and its summary
    expect(first.bytes).toBeGreaterThan(3 * 136_586 * 4);
    expect(autosave).toBeLessThan(wholeProject / 100);
    expect(await storage.loadProject(project.id)).toEqual(settingsChanged);
  });

  it("rewrites a run only when its weights are dropped, deletes removed runs, and loads runs in order", async () => {
    const storage = freshStorage();
    await storage.saveProject(project);
    const before = storage.written.bytes;
    const [run1, run2, run3] = project.runs;
    if (!run1 || !run2 || !run3) throw new Error("three runs expected");
    const { model, ...dropped } = run2;
    void model;
    const next = { ...project, revision: project.revision + 1, runs: [run1, dropped, run3] };
    await storage.saveProject(next);
    const written = storage.written.bytes - before;
    expect(written).toBeLessThan(estimateStoredBytes(run1) / 10);
    // The list's storage figure follows: one model's 136,586 float32 weights fewer.
    const [summary] = await storage.listProjects();
    expect(summary?.storedBytes).toBeGreaterThan(2 * 136_586 * 4);
    expect(summary?.storedBytes).toBeLessThan(3 * 136_586 * 4);
    expect(await storage.loadProject(project.id)).toEqual(next);

    const fewer = { ...next, revision: next.revision + 1, runs: [run3, run1] };
    await storage.saveProject(fewer);
    expect(await storage.loadProject(project.id)).toEqual(fewer);
    expect(await runKeys(`records-${databases}`)).toEqual([
      [project.id, "run-1"],
      [project.id, "run-3"],
    ]);
  });

  it("keeps an interrupted run's checkpoint in its own record, written when its epoch moves on", async () => {
    const storage = freshStorage();
    const run = project.runs[0];
    if (!run?.model) throw new Error("sample has no model");
    const checkpointAt = (epoch: number) => ({
      id: "run-4",
      startedAt: project.createdAt,
      config: project.trainConfig,
      spec: project.spec,
      layout: project.layout,
      data: run.data,
      backendPreference: "cpu" as const,
      checkpoint: {
        epoch,
        weights: run.model?.weights ?? [],
        optimizer: run.model?.weights ?? [],
        best: null,
        epochsWithoutImprovement: 0,
        history: run.history.slice(0, 1),
      },
    });
    const one = { ...project, interrupted: checkpointAt(1) };
    await storage.saveProject(one);
    let mark = storage.written.bytes;
    await storage.saveProject({ ...one, revision: one.revision + 1, name: "Renamed" });
    expect(storage.written.bytes - mark).toBeLessThan(10_000);
    mark = storage.written.bytes;
    const two = { ...one, revision: one.revision + 2, interrupted: checkpointAt(2) };
    await storage.saveProject(two);
    expect(storage.written.bytes - mark).toBeGreaterThan(2 * 136_586 * 4);
    expect(await storage.loadProject(project.id)).toEqual(two);
    const done = { ...two, revision: two.revision + 1, interrupted: null };
    await storage.saveProject(done);
    expect((await storage.loadProject(project.id))?.interrupted).toBeNull();
  });

  it("deletes a project's runs with it; a copy under a new id stands on its own", async () => {
    const storage = freshStorage();
    await storage.saveProject(project);
    const loaded = await storage.loadProject(project.id);
    if (!loaded) throw new Error("not saved");
    await storage.saveProject({ ...loaded, id: "copy", name: "Copy", revision: 1 });
    await storage.deleteProject(project.id);
    expect((await runKeys(`records-${databases}`)).map(([id]) => id)).toEqual([
      "copy",
      "copy",
      "copy",
    ]);
    expect((await storage.loadProject("copy"))?.runs).toEqual(project.runs);
  });

  it("reads a whole project an older studio stored (format 2, runs inline), and splits it on the next save", async () => {
    const storage = freshStorage();
    await storage.saveProject({ ...project, revision: 1 });
    await rawPut(`records-${databases}`, "projects", formatTwoSample(project));
    await rawPut(`records-${databases}`, "summaries", {
      id: project.id,
      name: project.name,
      updatedAt: project.updatedAt,
      datasetName: "iris.csv",
      runCount: 3,
      datasetHash: project.dataset?.hash,
      revision: project.revision,
    });
    await rawClear(`records-${databases}`, "runs");
    const read = await storage.loadProject(project.id);
    expect(read).toEqual(project);
    await storage.saveProject({ ...project, revision: project.revision + 1 });
    expect(await runKeys(`records-${databases}`)).toHaveLength(3);
    expect((await storage.loadProject(project.id))?.runs).toEqual(project.runs);
  });

  it("opens a database an older studio made (version 1: projects whole) and upgrades it in place", async () => {
    const name = `records-${++databases}`;
    const old = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => {
        const db = request.result;
        db.createObjectStore("projects", { keyPath: "id" });
        db.createObjectStore("summaries", { keyPath: "id" });
        db.createObjectStore("datasets", { keyPath: "hash" });
        db.createObjectStore("meta");
      };
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = old.transaction(["projects", "summaries", "meta"], "readwrite");
      tx.objectStore("projects").put(formatTwoSample(project));
      tx.objectStore("summaries").put({
        id: project.id,
        name: project.name,
        updatedAt: project.updatedAt,
        datasetName: "iris.csv",
        runCount: 3,
        datasetHash: project.dataset?.hash,
        revision: project.revision,
      });
      tx.objectStore("meta").put(project.id, "lastOpen");
      tx.oncomplete = resolve;
    });
    old.close();
    const storage = new IndexedDbProjectStorage(name);
    expect(await storage.lastOpenProject()).toBe(project.id);
    expect(await storage.loadProject(project.id)).toEqual(project);
    await storage.saveProject({ ...project, revision: project.revision + 1 });
    expect(await runKeys(name)).toHaveLength(3);
  });

  it("says a project is damaged when one of its runs is missing from storage", async () => {
    const storage = freshStorage();
    await storage.saveProject(project);
    await rawClear(`records-${databases}`, "runs");
    await expect(storage.loadProject(project.id)).rejects.toThrow(
      /“Iris” is damaged: 3 of its runs are missing from storage/,
    );
  });
});

describe("when the quota is exceeded on the new records", () => {
  const put = FakeObjectStore.prototype.put;
  afterEach(() => {
    FakeObjectStore.prototype.put = put;
  });

  it("says so for pictures and for a run, and keeps what was stored", async () => {
    const storage = freshStorage();
    await storage.saveProject({ ...project, runs: project.runs.slice(0, 1) });
    FakeObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    await expect(storage.putImages(digits)).rejects.toThrow(
      /storage is full, so the dataset “digits-png.zip” was not saved/,
    );
    await expect(storage.saveProject({ ...project, revision: 99 })).rejects.toThrow(
      StorageQuotaError,
    );
    FakeObjectStore.prototype.put = put;
    expect(await storage.datasetHashes()).toEqual([]);
    expect((await storage.loadProject(project.id))?.runs).toHaveLength(1);
  });
});

function openRaw(name: string): Promise<IDBDatabase> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => resolve(request.result);
  });
}

/** Writes behind the storage's back, as an older studio or a damaged disk would have left it. */
async function rawPut(name: string, store: string, value: unknown): Promise<void> {
  const db = await openRaw(name);
  await new Promise((resolve) => {
    const tx = db.transaction(store, "readwrite");
    tx.objectStore(store).put(value);
    tx.oncomplete = resolve;
  });
  db.close();
}

async function rawClear(name: string, store: string): Promise<void> {
  const db = await openRaw(name);
  await new Promise((resolve) => {
    const tx = db.transaction(store, "readwrite");
    tx.objectStore(store).clear();
    tx.oncomplete = resolve;
  });
  db.close();
}

async function runKeys(name: string): Promise<Array<[string, string]>> {
  const db = await openRaw(name);
  const keys = await new Promise<Array<[string, string]>>((resolve) => {
    const request = db.transaction("runs").objectStore("runs").getAllKeys();
    request.onsuccess = () => resolve(request.result as Array<[string, string]>);
  });
  db.close();
  return keys;
}
