import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { IDBObjectStore as FakeObjectStore } from "fake-indexeddb";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IndexedDbProjectStorage } from "../storage/projectDb";
import { startAutosave } from "./autosave";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";
import { selectDatasetStatus, selectPlan, selectReportIsStale, selectTable } from "./selectors";
import { DEFAULT_TRAIN_CONFIG } from "../core/train/config";
import { initialDatasetState } from "./datasetSlice";
import { initialEvaluationState } from "./evaluationSlice";
import { initialImageState } from "./imageSlice";
import { initialModelState } from "./modelSlice";
import { initialShareState } from "./shareSlice";
import { initialTrainedModelState } from "./trainedModelSlice";
import { initialTrainingState } from "./trainingSlice";

let databases = 0;
let studio = createTestStudio();
let stop: () => void = () => undefined;

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  studio = createTestStudio({
    projects: new IndexedDbProjectStorage(`store-test-${++databases}`),
  });
  stop = startAutosave(studio);
});
afterEach(() => stop());

const state = () => studio.getState();

const loadIris = () => loadTable(studio, "public/samples/iris.csv");
const train = (epochs: number) => trainOnCpu(studio, epochs);

const saved = () =>
  vi.waitFor(() => expect(state().projectStatus).toBe("saved"), { timeout: 5000 });

describe("projects in the store", () => {
  it("autosave and reopen bring back data choices, canvas, settings, runs and the report", async () => {
    await loadIris();
    state().updateColumn("sepal_width", { scaling: "minmax" });
    state().setLayerParams("dense_1", { units: 12 });
    await train(3);
    await vi.waitFor(async () =>
      expect((await studio.services.projects.loadProject(state().projectId))?.runs).toHaveLength(1),
    );
    const before = state();
    expect(before.projectRuns).toHaveLength(1);
    const hash = before.projectDataset?.hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);

    // A reload: a fresh store, then the project that was open last.
    stop();
    studio = createTestStudio({ projects: studio.services.projects });
    stop = startAutosave(studio);
    expect(await studio.services.projects.lastOpenProject()).toBe(before.projectId);
    await state().openProject(before.projectId);
    await vi.waitFor(() => expect(selectPlan(state())).not.toBeNull());
    const after = state();
    expect(after.projectAlert).toBeNull();
    expect(after.columnSettings).toEqual(before.columnSettings);
    expect(after.spec).toEqual(before.spec);
    expect(after.layout).toEqual(before.layout);
    expect(after.trainConfig.epochs).toBe(3);
    expect(after.backendPreference).toBe("cpu");
    expect(after.evaluation?.report).toEqual(before.evaluation?.report);
    expect(after.trainedModel).toEqual(before.trainedModel);
    expect(after.run.history).toEqual(before.run.history);
    expect(selectReportIsStale(after)).toBe(false);
  });

  it("a new project puts every project slice back at its initial state; the sharing mode stays", async () => {
    await loadIris();
    state().setLayerParams("dense_1", { units: 12 });
    state().setShareMode("hosted");
    await train(1);
    const before = state().projectId;
    state().newProject();
    const share: Partial<ReturnType<typeof initialShareState>> = initialShareState();
    delete share.shareMode;
    for (const initialSlice of [
      initialDatasetState(),
      initialModelState(),
      initialTrainingState(),
      initialEvaluationState(),
      initialTrainedModelState(),
      share,
      initialImageState(),
    ])
      expect(state()).toMatchObject(initialSlice);
    expect(state().shareMode).toBe("hosted");
    expect(state()).toMatchObject({
      projectRuns: [],
      projectRevision: 0,
      projectStatus: "unsaved",
    });
    expect(state().projectId).not.toBe(before);
  });

  it("a new project drops a file load still under way, and the undo of a quick edit", async () => {
    state().setLayerParams("dense_1", { units: 12 });
    expect(state().lastModelEdit).not.toBeNull();
    const text = readFileSync("public/samples/iris.csv");
    const loading = state().loadFile(new File([text], "iris.csv", { type: "text/csv" }));
    state().newProject();
    await loading;
    // The load ended after the reset: the new project has no data, and the next edit of the
    // same field is an undo step of its own.
    expect(state().dataset.kind).toBe("none");
    expect(selectDatasetStatus(state())).toBe("empty");
    expect(state().lastModelEdit).toBeNull();
  });

  it("keeps every run, restores an older one, and drops weights on request", async () => {
    await loadIris();
    await train(2);
    const first = state().run.runId;
    state().setTrainConfig({ learningRate: 0.05 });
    await train(2);
    const runs = state().projectRuns;
    expect(runs.map((run) => run.id)).toEqual([first, state().run.runId]);
    expect(runs[1]?.config.learningRate).toBe(0.05);
    state().restoreRun(first ?? "");
    expect(state().trainConfig.learningRate).toBe(DEFAULT_TRAIN_CONFIG.learningRate);
    expect(state().trainedModel).toBe(runs[0]?.model);
    expect(selectReportIsStale(state())).toBe(false);
    state().dropRunWeights(first ?? "");
    expect(state().projectRuns[0]?.model).toBeUndefined();
    expect(state().projectRuns[0]?.report).toEqual(runs[0]?.report);
  });

  it("says when the dataset is missing from storage and keeps the rest", async () => {
    await loadIris();
    state().setLayerParams("dense_1", { units: 7 });
    await saved();
    const { projectId, projectDataset } = state();
    // Another project on the same file, deleted: the file must stay for this one.
    const storage = studio.services.projects as IndexedDbProjectStorage;
    expect(await storage.datasetHashes()).toEqual([projectDataset?.hash]);
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(`store-test-${databases}`);
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction("datasets", "readwrite");
      tx.objectStore("datasets").clear();
      tx.oncomplete = resolve;
    });
    db.close();
    studio = createTestStudio({ projects: studio.services.projects });
    await state().openProject(projectId);
    expect(state().projectAlert).toMatch(/\(iris\.csv\) is missing .*Load that file again/);
    expect(state().spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(7);
    expect(state().projectDataset).toEqual(projectDataset);
  });

  it("names a saved project that fails its schema, and keeps the studio as it was", async () => {
    await loadIris();
    state().renameProject("Flowers");
    await saved();
    const { projectId } = state();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(`store-test-${databases}`);
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction("projects", "readwrite");
      const store = tx.objectStore("projects");
      const read = store.get(projectId);
      read.onsuccess = () => store.put({ ...read.result, trainConfig: { epochs: -1 } });
      tx.oncomplete = resolve;
    });
    db.close();
    await state().openProject(projectId);
    expect(state().projectAlert).toMatch(/“Flowers” is damaged and cannot be opened \(trainConfig/);
    expect(selectTable(state())?.fileName).toBe("iris.csv");
  });

  it("surfaces a full quota in an alert and keeps working", async () => {
    await loadIris();
    await saved();
    const put = FakeObjectStore.prototype.put;
    FakeObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    try {
      state().setLayerParams("dense_1", { units: 9 });
      await vi.waitFor(() => expect(state().projectAlert).toMatch(/storage is full/));
      expect(state().projectStatus).toBe("unsaved");
    } finally {
      FakeObjectStore.prototype.put = put;
    }
    state().setLayerParams("dense_1", { units: 10 });
    await saved();
    expect(state().projectAlert).toBeNull();
    const read = await studio.services.projects.loadProject(state().projectId);
    expect(read?.spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(10);
  });

  it("stops saving when another tab saved the same project, and keeps this tab's work as a copy", async () => {
    await loadIris();
    await saved();
    const mine = state();
    // The other tab: it read the same revision and saved first.
    const theirs = await studio.services.projects.loadProject(mine.projectId);
    if (!theirs) throw new Error("not saved");
    await studio.services.projects.saveProject({
      ...theirs,
      name: "Theirs",
      revision: theirs.revision + 1,
    });
    state().setLayerParams("dense_1", { units: 5 });
    await vi.waitFor(() => expect(state().projectConflict).toBe(true));
    expect(state().projectAlert).toMatch(/changed in another tab/);
    expect((await studio.services.projects.loadProject(mine.projectId))?.name).toBe("Theirs");
    state().keepMineAsCopy();
    await saved();
    const list = await studio.services.projects.listProjects();
    expect(list.map((p) => p.name).sort()).toEqual(["Theirs", "iris (this tab)"]);
  });
});
