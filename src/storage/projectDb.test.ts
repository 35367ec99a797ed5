import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { IDBObjectStore as FakeObjectStore } from "fake-indexeddb";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { makeIrisModel } from "../../tests/support/testModels";
import type { Project } from "../core/project/project";
import { formatOneSample, projectAround } from "../core/project/projectSamples";
import { IndexedDbProjectStorage, StorageQuotaError } from "./projectDb";

let project: Project;
const irisBytes = new Uint8Array(readFileSync("public/samples/iris.csv"));
let databases = 0;
const freshStorage = () => new IndexedDbProjectStorage(`test-${++databases}`);

beforeAll(async () => {
  await tf.setBackend("cpu");
  const model = await makeIrisModel();
  project = projectAround(model);
});

describe("IndexedDbProjectStorage", () => {
  it("saves and loads a project with its runs, models and an interrupted run's checkpoint", async () => {
    const storage = freshStorage();
    const run = project.runs[0];
    if (!run?.model) throw new Error("sample has no model");
    const weights = run.model.weights;
    const withCheckpoint: Project = {
      ...project,
      interrupted: {
        id: "run-2",
        startedAt: project.createdAt,
        config: project.trainConfig,
        spec: project.spec,
        layout: project.layout,
        data: run.data,
        backendPreference: "cpu",
        checkpoint: {
          epoch: 1,
          weights,
          optimizer: weights,
          best: null,
          epochsWithoutImprovement: 0,
          history: run.history.slice(0, 1),
        },
      },
    };
    expect(await storage.saveProject(withCheckpoint)).toEqual({ ok: true });
    const read = await storage.loadProject(project.id);
    expect(read).toEqual(withCheckpoint);
    const [summary, ...others] = await storage.listProjects();
    expect(others).toEqual([]);
    expect(summary).toEqual({
      id: "project-1",
      name: "Iris",
      updatedAt: project.updatedAt,
      datasetName: "iris.csv",
      runCount: 1,
      storedBytes: expect.any(Number),
      datasetBytes: 4_550,
    });
    // The run's model and the checkpoint's weights and optimizer slots: three copies of the weights.
    const weightBytes = weights.reduce((sum, w) => sum + w.values.byteLength, 0);
    expect(summary?.storedBytes).toBeGreaterThan(3 * weightBytes);
    expect(await storage.loadProject("nope")).toBeNull();
  });

  it("stores a dataset once by content hash and frees it with the last project using it", async () => {
    const storage = freshStorage();
    const first = await storage.putDataset(irisBytes, "iris.csv");
    const again = await storage.putDataset(irisBytes.slice(), "flowers.csv");
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(again.hash).toBe(first.hash);
    expect(await storage.datasetHashes()).toEqual([first.hash]);
    expect((await storage.getDataset(first.hash))?.bytes).toEqual(irisBytes);

    await storage.saveProject({ ...project, id: "a", dataset: first });
    await storage.saveProject({ ...project, id: "b", dataset: again });
    await storage.deleteProject("a");
    expect(await storage.datasetHashes()).toEqual([first.hash]);
    await storage.deleteProject("b");
    expect(await storage.datasetHashes()).toEqual([]);
    expect(await storage.listProjects()).toEqual([]);
  });

  it("refuses a save from a tab that is behind (another tab saved meanwhile)", async () => {
    const storage = freshStorage();
    await storage.saveProject({ ...project, revision: 5 });
    expect(await storage.saveProject({ ...project, revision: 5, name: "Mine" })).toEqual({
      ok: false,
      conflict: true,
      storedRevision: 5,
    });
    expect((await storage.loadProject(project.id))?.name).toBe("Iris");
    expect(await storage.saveProject({ ...project, revision: 6, name: "Next" })).toEqual({
      ok: true,
    });
  });

  it("reads a project stored in format 1 through the migration", async () => {
    const storage = freshStorage();
    await storage.saveProject(project);
    // Put the old form in place behind the storage's back, as an older studio would have left it.
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(`test-${databases}`);
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction("projects", "readwrite");
      tx.objectStore("projects").put(formatOneSample(project));
      tx.oncomplete = resolve;
    });
    db.close();
    const read = await storage.loadProject(project.id);
    expect(read?.version).toBe(3);
    expect(read?.backendPreference).toBe("auto");
    expect(read?.runs[0]?.model).toEqual(project.runs[0]?.model);
  });

  describe("when the browser's quota is exceeded", () => {
    const put = FakeObjectStore.prototype.put;
    afterEach(() => {
      FakeObjectStore.prototype.put = put;
    });

    it("says so and keeps what was stored before", async () => {
      const storage = freshStorage();
      await storage.saveProject(project);
      FakeObjectStore.prototype.put = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
      };
      const bigger = { ...project, revision: project.revision + 1, name: "Bigger" };
      await expect(storage.saveProject(bigger)).rejects.toThrow(StorageQuotaError);
      await expect(storage.saveProject(bigger)).rejects.toThrow(
        /storage is full, so “Bigger” was not saved/,
      );
      await expect(storage.putDataset(irisBytes, "iris.csv")).rejects.toThrow(StorageQuotaError);
      FakeObjectStore.prototype.put = put;
      expect((await storage.loadProject(project.id))?.name).toBe("Iris");
    });
  });
});
