/** Test support: a real Project around a real TrainedModel, and the same project as format 1 saved it. */
import { autoLayout } from "../model/layout";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import { PROJECT_VERSION, type Project } from "./project";
import type { TrainedModel } from "./trainedModel";

/** A project with one run whose model is `model` (its dataset is named by `hash`). */
export function projectAround(model: TrainedModel, hash = "ab".repeat(32)): Project {
  const layout = autoLayout(model.spec);
  const target = model.dataset.columns[model.dataset.columns.length - 1] ?? "";
  const columnSettings = model.dataset.columns.map((name) => ({
    name,
    type: name === target ? ("categorical" as const) : ("numeric" as const),
    use: true,
    impute: "mean" as const,
    imputeConstant: "",
    scaling: "standardize" as const,
  }));
  const split = { train: 0.7, validation: 0.15, test: 0.15 };
  const data = { columnSettings, target, task: model.task, split };
  return {
    version: PROJECT_VERSION,
    id: "project-1",
    name: "Iris",
    createdAt: "2026-11-29T20:00:00.000Z",
    updatedAt: "2026-11-29T20:05:00.000Z",
    revision: 3,
    dataset: { kind: "table", hash, fileName: model.dataset.fileName, size: 4_550 },
    columnSettings,
    target,
    task: model.task,
    split,
    spec: model.spec,
    layout,
    specIsDefault: false,
    trainConfig: { ...DEFAULT_TRAIN_CONFIG, epochs: 2 },
    backendPreference: "cpu",
    runs: [
      {
        id: "run-1",
        startedAt: "2026-11-29T20:01:00.000Z",
        config: model.trainConfig,
        spec: model.spec,
        layout,
        data,
        history: model.history,
        report: model.report,
        evaluation: null,
        model,
        backend: model.backend,
        seconds: model.history.reduce((sum, epoch) => sum + epoch.seconds, 0),
      },
    ],
    currentRunId: "run-1",
    interrupted: null,
  };
}

/** What format 2 stored for the same project: its dataset reference had no kind (tables only). */
export function formatTwoSample(project: Project): Record<string, unknown> {
  const { dataset, ...rest } = project;
  const { kind, ...ref } = dataset ?? { kind: null };
  void kind;
  return { ...rest, version: 2, dataset: dataset ? ref : null };
}

/** What format 1 stored for the same project: no backend preference, revision, or run layout. */
export function formatOneSample(project: Project): Record<string, unknown> {
  const { backendPreference, revision, interrupted, runs, ...rest } = formatTwoSample(
    project,
  ) as unknown as Project;
  void backendPreference;
  void revision;
  void interrupted;
  return {
    ...rest,
    version: 1,
    runs: runs.map(({ seconds, layout, data, ...run }) => {
      void seconds;
      void layout;
      void data;
      return run;
    }),
  };
}
