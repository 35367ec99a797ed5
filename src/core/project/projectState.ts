import type { AugmentationSettings } from "../data/images/augment";
import { reopenedEvaluation, type Evaluation } from "../eval/evaluation";
import type { TrainingRun } from "../train/trainingRun";
import { PROJECT_VERSION, type Project, type ProjectHostedShare, type ProjectRun } from "./project";
import { runDataMismatch, type DataIdentity } from "./runData";
import type { TrainedModel } from "./trainedModel";

/** A link this browser hosted, with its owner token; saved with the project (ProjectHostedShare). */
export interface HostedShare extends ProjectHostedShare {
  /** That model, when this page holds it (a reopened project may no longer have its weights). */
  model: TrainedModel | null;
}

/**
 * The Project fields the open project's state holds as they are saved, by the state's key: the one
 * declaration that saving (`projectFromState`), opening (`projectFieldsToState`) and autosave's
 * "has it changed" read. (The store checks that each of these keys is classified "project".)
 */
export const PROJECT_FIELDS = {
  projectId: "id",
  projectName: "name",
  projectCreatedAt: "createdAt",
  projectDataset: "dataset",
  columnSettings: "columnSettings",
  target: "target",
  task: "task",
  split: "split",
  spec: "spec",
  layout: "layout",
  specIsDefault: "specIsDefault",
  trainConfig: "trainConfig",
  backendPreference: "backendPreference",
  projectRuns: "runs",
  currentRunId: "currentRunId",
  interruptedRun: "interrupted",
} as const satisfies Record<string, keyof Project>;

type FieldKey = keyof typeof PROJECT_FIELDS;

/** The state's keys that hold Project fields as they are saved (see PROJECT_FIELDS). */
export type ProjectFieldsState = { [K in FieldKey]-?: Project[(typeof PROJECT_FIELDS)[K]] };

/**
 * The open project as the studio holds it (the store's state has these keys): its choices, its
 * runs, and the results on screen.
 */
export interface OpenProject extends ProjectFieldsState {
  /** The revision of the last save or opening; a save writes the next one. */
  projectRevision: number;
  hostedShare: HostedShare | null;
  /**
   * The kind of data loaded: with pictures, the augmentation is kept and there is no target.
   * (The store's dataset union; only its kind is read here.)
   */
  dataset: { kind: string };
  augmentation: AugmentationSettings;
  trainedModel: TrainedModel | null;
  evaluation: Evaluation | null;
  run: Pick<TrainingRun, "runId">;
}

const FIELD_KEYS = Object.keys(PROJECT_FIELDS) as FieldKey[];

/** The open project as it would be saved now, one revision past the last save. */
export function projectFromState(state: OpenProject, updatedAt: string): Project {
  const fields: Partial<Record<keyof Project, unknown>> = {};
  for (const key of FIELD_KEYS) fields[PROJECT_FIELDS[key]] = state[key];
  return {
    version: PROJECT_VERSION,
    // Every field PROJECT_FIELDS names, each from the state key whose type is that field's.
    ...(fields as Pick<Project, (typeof PROJECT_FIELDS)[FieldKey]>),
    updatedAt,
    revision: state.projectRevision + 1,
    ...(state.hostedShare ? { hostedShare: hostedShareRecord(state.hostedShare) } : {}),
    ...(state.dataset.kind === "pictures" ? { augmentation: state.augmentation } : {}),
  };
}

/** An opened project's saved fields, as the state's keys (the inverse of projectFromState's). */
export function projectFieldsToState(project: Project): ProjectFieldsState {
  const state: Partial<Record<FieldKey, unknown>> = {};
  for (const key of FIELD_KEYS) state[key] = project[PROJECT_FIELDS[key]];
  return state as ProjectFieldsState;
}

/** The hosted link as the project keeps it (without the model itself: the runs hold models). */
export function hostedShareRecord(hosted: HostedShare): ProjectHostedShare {
  const { id, url, version, ownerToken, modelCreatedAt } = hosted;
  return { id, url, version, ownerToken, modelCreatedAt };
}

/**
 * A reopened project's hosted link; its model is the open model or a kept run's model made at the
 * same moment, else null (the panel then says the link shows an earlier model).
 */
export function hostedShareOf(
  saved: ProjectHostedShare,
  open: TrainedModel | null,
  runs: ProjectRun[],
): HostedShare {
  const model =
    open?.createdAt === saved.modelCreatedAt
      ? open
      : (runs.find((run) => run.model?.createdAt === saved.modelCreatedAt)?.model ?? null);
  return { ...saved, model };
}

/**
 * The run that just ended, to keep in the project (its report, curves and model); `trainedOn` is
 * the data it was trained on. Null when there is no finished run to keep.
 */
export function runFromState(
  state: OpenProject,
  trainedOn: DataIdentity | null,
): ProjectRun | null {
  const model = state.trainedModel;
  const evaluation = state.evaluation;
  // Image runs have no target column: their label is the picture's folder.
  if (!model || !evaluation || (!state.target && state.dataset.kind !== "pictures")) return null;
  const runId = state.run.runId ?? `run-${Date.now()}`;
  // Scores and the linear baseline are recomputed or left out on reopening, and so is the
  // cross-validation (the project's schema does not keep it); test rows stay here.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped from what is saved
  const { inputsKey, scores, linear, testRows, crossValidation, ...kept } = evaluation;
  void inputsKey;
  return {
    id: runId,
    startedAt: startedAtOf(runId) ?? model.createdAt,
    config: model.trainConfig,
    spec: model.spec,
    layout: state.layout,
    data: dataChoicesOf(state),
    history: model.history,
    report: model.report,
    evaluation: kept,
    model,
    backend: model.backend,
    seconds: model.history.reduce((sum, epoch) => sum + epoch.seconds, 0),
    ...(trainedOn ? { trainedOn } : {}),
  };
}

/** The data choices a run records ("" for the target of images, which have none). */
function dataChoicesOf(state: OpenProject): ProjectRun["data"] {
  return {
    columnSettings: state.columnSettings,
    target: state.target ?? "",
    task: state.task,
    split: state.split,
  };
}

/** Run ids are `run-<ms since 1970>-<n>`; the time in them is when the run started. */
export function startedAtOf(runId: string): string | null {
  const ms = Number(/^run-(\d+)-/.exec(runId)?.[1]);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

/**
 * A run's report as the evaluation section shows it: fresh (keyed `current.inputsKey`) when the
 * open project still holds the run's model, settings and data choices, and the loaded data is the
 * data it was trained on; stale otherwise.
 */
export function evaluationOfRun(
  run: ProjectRun,
  state: OpenProject,
  current: { inputsKey: string; loadedData: DataIdentity | null },
): Evaluation | null {
  if (!run.evaluation) return null;
  const same =
    JSON.stringify([run.spec, run.config]) === JSON.stringify([state.spec, state.trainConfig]) &&
    JSON.stringify(run.data) === JSON.stringify(dataChoicesOf(state)) &&
    runDataMismatch(run.trainedOn, current.loadedData) === null;
  return {
    ...reopenedEvaluation(run.evaluation),
    inputsKey: same ? current.inputsKey : `stale:${run.id}`,
  };
}

/** The training section's view of a finished run: its curves, backend and how it ended. */
export function finishedRunView(run: ProjectRun): TrainingRun {
  const reason = run.evaluation?.outcome.reason ?? "completed";
  return {
    state: reason === "stopped" ? "stopped" : "done",
    runId: run.id,
    backend: run.backend,
    history: run.history,
    batchLosses: [],
    progress: null,
    notes: [],
    error: null,
    reason,
    task: run.data.task,
    choice: null,
    runtime: null,
    wasmThreadTimings: [],
    features: null,
    fold: null,
  };
}
