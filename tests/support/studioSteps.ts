/**
 * Test support (Node only): the steps store tests take through a studio as a person does in the
 * page, on real files and the real training code (see createTestStudio).
 */
import { readFileSync } from "node:fs";
import { expect, vi } from "vitest";
import type { StudioStore } from "../../src/store";
import { selectPlan, selectTrainBlocker } from "../../src/store/selectors";

/** Loads a table (a path from the repository root) as dropping it does, and waits for its plan. */
export async function loadTable(studio: StudioStore, path: string): Promise<void> {
  const name = path.split("/").pop() ?? path;
  await studio.getState().loadFile(new File([readFileSync(path)], name, { type: "text/csv" }));
  await vi.waitFor(() => expect(selectPlan(studio.getState())).not.toBeNull());
}

/** Trains the model on the cpu backend for `epochs` (start → batches → done); the run must end well. */
export async function trainOnCpu(studio: StudioStore, epochs: number): Promise<void> {
  studio.getState().setBackendPreference("cpu");
  studio.getState().setTrainConfig({ epochs });
  await vi.waitFor(() => expect(selectTrainBlocker(studio.getState())).toBeNull());
  await studio.getState().startTraining();
  await vi.waitFor(() => expect(studio.getState().run.state).toMatch(/done|error/), {
    timeout: 60_000,
  });
  expect(studio.getState().run.error).toBeNull();
}
