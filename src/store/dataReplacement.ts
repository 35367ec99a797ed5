import { selectReportIsStale } from "./selectors";
import type { StudioState } from "./index";
import { loadedDataName } from "./loadedData";

/**
 * What new data replaces in the store: the data itself, the choices made on it, the model proposed
 * for it, and the report and curves of the run on it. Kept aside when a file replaces a project's
 * data, so Undo can put all of it back (the project's kept runs are never touched).
 */
const REPLACED_KEYS = [
  "dataset",
  "columnSettings",
  "target",
  "task",
  "split",
  "imageSettings",
  "imageTestImages",
  "augmentation",
  "spec",
  "layout",
  "specIsDefault",
  // The note "the new data got the default model" belongs to the new data: Undo takes it away.
  "customModelReplaced",
  "evaluation",
  "trainedModel",
  "trainedModelOrigin",
  "run",
  "currentRunId",
  "projectDataset",
  "projectName",
  "importance",
] as const satisfies ReadonlyArray<keyof StudioState>;

export type DataSnapshot = Pick<StudioState, (typeof REPLACED_KEYS)[number]>;

/** A replacement of the loaded data that can still be undone. */
export interface DataUndo {
  /** The replaced data's name and the new one's, for the notice. */
  previousName: string;
  newName: string;
  snapshot: DataSnapshot;
  /** The report on screen described the replaced data as it was (it was not out of date). */
  reportWasCurrent: boolean;
}

/**
 * The undo for replacing the loaded data with `newName`, taken before the replacement; null when
 * nothing was loaded (a first file replaces nothing).
 */
export function dataUndoOf(state: StudioState, newName: string): DataUndo | null {
  const previousName = loadedDataName(state);
  if (previousName === null) return null;
  const snapshot = Object.fromEntries(
    REPLACED_KEYS.map((key) => [key, state[key]]),
  ) as DataSnapshot;
  return {
    previousName,
    newName,
    snapshot,
    reportWasCurrent: state.evaluation !== null && !selectReportIsStale(state),
  };
}
