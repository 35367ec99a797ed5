import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { IDBObjectStore as FakeObjectStore } from "fake-indexeddb";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { IndexedDbProjectStorage } from "../storage/projectDb";
import { startAutosave } from "./autosave";
import { createTestStudio } from "../../tests/support/studioServices";
import { pooledPictureSpec } from "../../tests/support/preparedRuns";
import {
  selectImageStatus,
  selectPictures,
  selectReportIsStale,
  selectTrainBlocker,
} from "./selectors";

/** Image projects: the digits fixture decoded in Node, trained briefly, saved, reopened. */

let studio = createTestStudio();
const digitsZip = readFileSync("tests/fixtures/digits-png.zip");
let databases = 0;
let stop: () => void = () => undefined;

/** A small model for the digits that trains in a moment (see pooledPictureSpec). */
const smallSpec = pooledPictureSpec(10);

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  studio = createTestStudio({
    projects: new IndexedDbProjectStorage(`image-projects-${++databases}`),
  });
  stop = startAutosave(studio);
});
afterEach(() => stop());

const state = () => studio.getState();
const saved = () =>
  vi.waitFor(() => expect(state().projectStatus).toBe("saved"), { timeout: 10_000 });

async function loadDigits() {
  await state().loadImages(
    [{ path: "digits-png.zip", file: new Blob([digitsZip]) }],
    "digits-png.zip",
  );
  expect(selectPictures(state())?.count).toBe(600);
  await vi.waitFor(() => expect(state().projectDataset?.kind).toBe("images"), { timeout: 10_000 });
}

function reload() {
  stop();
  studio = createTestStudio({ projects: studio.services.projects });
  stop = startAutosave(studio);
}

describe("image projects", () => {
  it("keep the pictures, the canvas, the report, its test pictures and the model across a reload", async () => {
    await loadDigits();
    state().showModel(smallSpec);
    state().setBackendPreference("cpu");
    state().setTrainConfig({ epochs: 1, batchSize: 32 });
    await vi.waitFor(() => expect(selectTrainBlocker(state())).toBeNull());
    await state().startTraining();
    await vi.waitFor(() => expect(state().run.state).toMatch(/done|error/), { timeout: 60_000 });
    expect(state().run.error).toBeNull();
    await vi.waitFor(
      async () =>
        expect((await studio.services.projects.loadProject(state().projectId))?.runs).toHaveLength(
          1,
        ),
      { timeout: 10_000 },
    );
    const before = state();
    expect(before.imageTestImages?.indices.length).toBeGreaterThan(0);
    const storage = studio.services.projects as IndexedDbProjectStorage;
    expect(await storage.datasetHashes()).toEqual([before.projectDataset?.hash]);

    reload();
    expect(await studio.services.projects.lastOpenProject()).toBe(before.projectId);
    await state().openProject(before.projectId);
    const after = state();
    expect(after.projectAlert).toBeNull();
    expect(selectPictures(after)).toEqual(selectPictures(before));
    expect(selectImageStatus(after)).toBe("ready");
    expect(after.spec).toEqual(smallSpec);
    expect(after.layout).toEqual(before.layout);
    expect(after.trainConfig).toEqual(before.trainConfig);
    expect(after.projectRuns).toEqual(before.projectRuns);
    expect(after.trainedModel).toEqual(before.trainedModel);
    expect(after.evaluation?.report).toEqual(before.evaluation?.report);
    expect(after.imageTestImages).toEqual(before.imageTestImages);
    expect(selectReportIsStale(after)).toBe(false);

    // The files are not kept: other settings ask for the pictures again, and the set stays.
    state().setImageSettings({ size: 48 });
    expect(state().imageError).toMatch(
      /kept as decoded at 32×32 grayscale.*drop “digits-png\.zip” again/,
    );
    expect(selectPictures(state())).toBe(selectPictures(after));
  });

  it("store one set for two projects on the same pictures and free it with the last", async () => {
    await loadDigits();
    state().showModel(smallSpec);
    await saved();
    const first = state().projectId;
    const hash = state().projectDataset?.hash;
    state().newProject();
    expect(state().dataset.kind).toBe("none");
    await loadDigits();
    state().showModel(smallSpec);
    await saved();
    expect(state().projectDataset?.hash).toBe(hash);
    const storage = studio.services.projects as IndexedDbProjectStorage;
    expect(await storage.datasetHashes()).toEqual([hash]);
    await storage.deleteProject(first);
    expect(await storage.datasetHashes()).toEqual([hash]);
    await storage.deleteProject(state().projectId);
    expect(await storage.datasetHashes()).toEqual([]);
  });

  it("say when the browser's storage is full, and keep the pictures loaded", async () => {
    const put = FakeObjectStore.prototype.put;
    FakeObjectStore.prototype.put = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
    try {
      await state().loadImages(
        [{ path: "digits-png.zip", file: new Blob([digitsZip]) }],
        "digits-png.zip",
      );
      await vi.waitFor(() =>
        expect(state().projectAlert).toMatch(
          /storage is full, so the dataset “digits-png\.zip” was not saved/,
        ),
      );
    } finally {
      FakeObjectStore.prototype.put = put;
    }
    expect(selectPictures(state())?.count).toBe(600);
    expect(state().projectDataset).toBeNull();
  });

  it("say when the pictures are missing from storage and keep the rest", async () => {
    await loadDigits();
    state().showModel(smallSpec);
    await saved();
    const { projectId } = state();
    const db = await new Promise<IDBDatabase>((resolve) => {
      const request = indexedDB.open(`image-projects-${databases}`);
      request.onsuccess = () => resolve(request.result);
    });
    await new Promise((resolve) => {
      const tx = db.transaction("images", "readwrite");
      tx.objectStore("images").clear();
      tx.oncomplete = resolve;
    });
    db.close();
    reload();
    await state().openProject(projectId);
    expect(state().projectAlert).toMatch(
      /\(digits-png\.zip\) is missing from this browser's storage\. Load that file again/,
    );
    expect(state().spec).toEqual(smallSpec);
    expect(state().dataset.kind).toBe("none");
  });
});
