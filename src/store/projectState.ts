import { reopenedEvaluation } from "./evaluate";
import {
  PROJECT_VERSION,
  type Project,
  type ProjectHostedShare,
  type ProjectRun,
} from "../core/project/project";
import { runDataMismatch } from "../core/project/runData";
import type { TrainedModel } from "../core/project/trainedModel";
import type { Evaluation } from "./evaluate";
import { selectInputsKey, selectLoadedData } from "./selectors";
import type { HostedShare } from "./shareSlice";
import type { TrainingRun } from "./trainingSlice";
import type { StudioState } from "./index";

/** The open project as it would be saved now, one revision past the last save. */
export function projectFromState(state: StudioState, updatedAt: string): Project {
  return {
    version: PROJECT_VERSION,
    id: state.projectId,
    name: state.projectName,
    createdAt: state.projectCreatedAt,
    updatedAt,
    revision: state.projectRevision + 1,
    dataset: state.projectDataset,
    columnSettings: state.columnSettings,
    target: state.target,
    task: state.task,
    split: state.split,
    spec: state.spec,
    layout: state.layout,
    specIsDefault: state.specIsDefault,
    trainConfig: state.trainConfig,
    backendPreference: state.backendPreference,
    runs: state.projectRuns,
    currentRunId: state.currentRunId,
    interrupted: state.interruptedRun,
    ...(state.hostedShare ? { hostedShare: hostedShareRecord(state.hostedShare) } : {}),
    ...(state.imageDataset ? { augmentation: state.augmentation } : {}),
  };
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

/** The run that just ended, to keep in the project (its report, curves and model). */
export function runFromState(state: StudioState): ProjectRun | null {
  const model = state.trainedModel;
  const evaluation = state.evaluation;
  // Image runs have no target column: their label is the picture's folder.
  if (!model || !evaluation || (!state.target && !state.imageDataset)) return null;
  const runId = state.run.runId ?? `run-${Date.now()}`;
  const trainedOn = selectLoadedData(state);
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
function dataChoicesOf(state: StudioState): ProjectRun["data"] {
  return {
    columnSettings: state.columnSettings,
    target: state.target ?? "",
    task: state.task,
    split: state.split,
  };
}

/** Run ids are `run-<ms since 1970>-<n>`; the time in them is when the run started. */
function startedAtOf(runId: string): string | null {
  const ms = Number(/^run-(\d+)-/.exec(runId)?.[1]);
  return Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null;
}

/** A run's report as the evaluation section shows it; fresh when the canvas still holds its choices. */
export function evaluationOfRun(run: ProjectRun, state: StudioState): Evaluation | null {
  if (!run.evaluation) return null;
  const same =
    JSON.stringify([run.spec, run.config]) === JSON.stringify([state.spec, state.trainConfig]) &&
    JSON.stringify(run.data) === JSON.stringify(dataChoicesOf(state)) &&
    runDataMismatch(run.trainedOn, selectLoadedData(state)) === null;
  return {
    ...reopenedEvaluation(run.evaluation),
    inputsKey: same ? selectInputsKey(state) : `stale:${run.id}`,
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
