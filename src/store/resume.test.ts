import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { StoredTensor } from "../core/train/types";
import { startAutosave } from "./autosave";
import { createTestStudio } from "../../tests/support/studioServices";
import { projectFromState } from "../core/project/projectState";
import { selectTrainBlocker } from "./selectors";

let studio = createTestStudio();
const state = () => studio.getState();
const EPOCHS = 30;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

async function loadIrisAndStart() {
  const text = readFileSync("public/samples/iris.csv");
  await state().loadFile(new File([text], "iris.csv", { type: "text/csv" }));
  state().setBackendPreference("cpu");
  state().setTrainConfig({
    epochs: EPOCHS,
    earlyStopping: { enabled: false, patience: 5, restoreBest: false },
  });
  await vi.waitFor(() => expect(selectTrainBlocker(state())).toBeNull());
  await state().startTraining();
}

const flat = (weights: StoredTensor[]) => weights.flatMap((w) => Array.from(w.values));

describe("a run cut short by a reload", () => {
  it("keeps its last checkpoint in the project and resumes to the weights an unbroken run ends with", async () => {
    let stop = startAutosave(studio);

    // The unbroken run.
    await loadIrisAndStart();
    await vi.waitFor(() => expect(state().run.state).toBe("done"), { timeout: 60_000 });
    const unbroken = state().trainedModel;
    if (!unbroken) throw new Error("no model");
    expect(unbroken.history).toHaveLength(EPOCHS);

    // The same run again, cut short once a checkpoint after epoch 3 or later is saved.
    state().newProject();
    await loadIrisAndStart();
    const projectId = state().projectId;
    await vi.waitFor(
      () => expect(state().interruptedRun?.checkpoint.epoch ?? 0).toBeGreaterThanOrEqual(3),
      { timeout: 60_000, interval: 2 },
    );
    // The tab closes: the run goes with it, after one last autosave of what the page held. An
    // autosave still under way (one from before the checkpoint, on a slow machine) lands first, so
    // that it cannot win the revision check over this save.
    await stop();
    studio.services.training.stop();
    studio.services.training.cancel();
    const last = await studio.services.projects.saveProject(
      projectFromState(state(), new Date().toISOString()),
    );
    expect(last.ok).toBe(true);
    const saved = await studio.services.projects.loadProject(projectId);
    const cutAfter = saved?.interrupted?.checkpoint.epoch ?? 0;
    expect(cutAfter).toBeLessThan(EPOCHS);

    // The reload.
    studio = createTestStudio({ projects: studio.services.projects });
    stop = startAutosave(studio);
    await state().openProject(projectId);
    expect(state().interruptedRun?.checkpoint.epoch).toBe(cutAfter);
    await state().resumeInterruptedRun();
    expect(state().run.history).toHaveLength(cutAfter);
    await vi.waitFor(() => expect(state().run.state).toBe("done"), { timeout: 60_000 });
    const resumed = state().trainedModel;
    if (!resumed) throw new Error("no model");
    expect(resumed.history.map((epoch) => epoch.epoch)).toEqual(
      Array.from({ length: EPOCHS }, (_, i) => i + 1),
    );
    const a = flat(resumed.weights);
    const b = flat(unbroken.weights);
    expect(a).toHaveLength(b.length);
    expect(Math.max(...a.map((value, i) => Math.abs(value - (b[i] ?? NaN))))).toBeLessThan(1e-5);
    expect(state().evaluation?.report).toEqual(
      expect.objectContaining({ accuracy: (unbroken.report as { accuracy: number }).accuracy }),
    );
    // The finished run is kept under its id, and the checkpoint is gone.
    expect(state().projectRuns.map((run) => run.id)).toEqual([saved?.interrupted?.id]);
    expect(state().interruptedRun).toBeNull();
    stop();
  });
});
