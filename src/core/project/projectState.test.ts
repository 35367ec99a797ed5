import { describe, expect, it } from "vitest";
import { COMPLETED, DENSE_SPEC, finishedPetsRun } from "../../../tests/support/preparedRuns";
import { DEFAULT_AUGMENTATION } from "../data/images/augment";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import { PROJECT_VERSION } from "./project";
import {
  evaluationOfRun,
  finishedRunView,
  hostedShareOf,
  projectFieldsToState,
  projectFromState,
  runFromState,
  startedAtOf,
  type OpenProject,
} from "./projectState";
import { projectSchema } from "./projectSchema";

const spec = DENSE_SPEC;
const RUN_ID = "run-1765000000000-1";
const pets = { name: "pets.csv", rows: 12, kind: "table" } as const;

/** An open table project whose run on pets.csv has just finished. */
function openProject(): OpenProject {
  const { evaluation, trainedModel } = finishedPetsRun();
  return {
    projectId: "p1",
    projectName: "Pets",
    projectCreatedAt: "2026-12-01T10:00:00.000Z",
    projectRevision: 4,
    projectDataset: { kind: "table", hash: "a".repeat(64), fileName: "pets.csv", size: 120 },
    columnSettings: [],
    target: "animal",
    task: "classification",
    split: { train: 0.5, validation: 0.17, test: 0.33 },
    spec,
    layout: { input: { x: 0, y: 0 }, output: { x: 0, y: 120 } },
    specIsDefault: false,
    trainConfig: DEFAULT_TRAIN_CONFIG,
    backendPreference: "cpu",
    projectRuns: [],
    currentRunId: null,
    interruptedRun: null,
    hostedShare: null,
    dataset: { kind: "table" },
    augmentation: DEFAULT_AUGMENTATION,
    trainedModel,
    evaluation,
    run: { runId: RUN_ID },
  };
}

describe("projectFromState", () => {
  it("is the open project as the next save writes it: a valid Project one revision on", () => {
    const state = openProject();
    const project = projectFromState(state, "2026-12-02T00:00:00.000Z");
    expect(project).toMatchObject({
      version: PROJECT_VERSION,
      id: "p1",
      name: "Pets",
      revision: 5,
      updatedAt: "2026-12-02T00:00:00.000Z",
      target: "animal",
      spec,
    });
    // A table project keeps no augmentation and, without a hosted link, no link record.
    expect(project).not.toHaveProperty("augmentation");
    expect(project).not.toHaveProperty("hostedShare");
    expect(projectSchema.safeParse(project).error?.issues ?? []).toEqual([]);
  });

  it("keeps the hosted link without its model, and a picture project's augmentation", () => {
    const state = openProject();
    const hosted = {
      id: "s1",
      url: "/s/s1",
      version: 2,
      ownerToken: "t".repeat(24),
      modelCreatedAt: state.trainedModel!.createdAt,
      model: state.trainedModel,
    };
    const project = projectFromState(
      { ...state, hostedShare: hosted, dataset: { kind: "pictures" } },
      "2026-12-02T00:00:00.000Z",
    );
    expect(project.hostedShare).toEqual({
      id: "s1",
      url: "/s/s1",
      version: 2,
      ownerToken: hosted.ownerToken,
      modelCreatedAt: hosted.modelCreatedAt,
    });
    expect(project.augmentation).toEqual(DEFAULT_AUGMENTATION);
  });
});

describe("projectFieldsToState", () => {
  it("opens a saved project into the keys it was saved from: saved again, it is the same project", () => {
    const saved = projectFromState(openProject(), "2026-12-02T00:00:00.000Z");
    const reopened = { ...openProject(), ...projectFieldsToState(saved), projectRevision: 5 };
    expect(reopened.projectName).toBe("Pets");
    expect(reopened.projectRuns).toBe(saved.runs);
    expect(reopened.interruptedRun).toBeNull();
    expect(projectFromState(reopened, "2026-12-03T00:00:00.000Z")).toEqual({
      ...saved,
      revision: 6,
      updatedAt: "2026-12-03T00:00:00.000Z",
    });
  });

  it("takes every field a project saves, so none is lost on opening", () => {
    const saved = projectFromState(openProject(), "2026-12-02T00:00:00.000Z");
    const opened = projectFieldsToState(saved);
    // What a project holds beyond these is its bookkeeping and the two optional records.
    const rest = ["version", "updatedAt", "revision", "hostedShare", "augmentation"];
    const taken = Object.keys(saved).filter((field) => !rest.includes(field));
    expect(Object.keys(opened)).toHaveLength(taken.length);
    expect(Object.values(opened)).toEqual(taken.map((field) => saved[field as keyof typeof saved]));
  });
});

describe("runFromState", () => {
  it("keeps the finished run: started when its id says, without what a reopening recomputes", () => {
    const state = openProject();
    const run = runFromState(state, pets);
    if (!run) throw new Error("no run");
    expect(run).toMatchObject({
      id: RUN_ID,
      startedAt: new Date(1765000000000).toISOString(),
      data: { columnSettings: [], target: "animal", task: "classification", split: state.split },
      seconds: 3,
      trainedOn: pets,
      model: state.trainedModel,
    });
    expect(run.evaluation).not.toHaveProperty("testRows");
    expect(run.evaluation).not.toHaveProperty("scores");
    expect(run.evaluation).not.toHaveProperty("inputsKey");
  });

  it("keeps nothing without a model, or for a table without a target", () => {
    expect(runFromState({ ...openProject(), trainedModel: null }, pets)).toBeNull();
    expect(runFromState({ ...openProject(), target: null }, pets)).toBeNull();
  });
});

describe("evaluationOfRun", () => {
  const current = { inputsKey: "inputs-now", loadedData: pets };

  it("shows a kept run's report as fresh while the project still holds its choices and data", () => {
    const state = openProject();
    const run = runFromState(state, pets)!;
    expect(evaluationOfRun(run, state, current)?.inputsKey).toBe("inputs-now");
    // Other settings, or other data loaded: the report is stale.
    const changed = { ...state, trainConfig: { ...state.trainConfig, epochs: 99 } };
    expect(evaluationOfRun(run, changed, current)?.inputsKey).toBe(`stale:${RUN_ID}`);
    const otherData = { ...current, loadedData: { ...pets, rows: 13 } };
    expect(evaluationOfRun(run, state, otherData)?.inputsKey).toBe(`stale:${RUN_ID}`);
  });
});

describe("hostedShareOf", () => {
  it("finds the model a reopened link was made from: the open one, a kept run's, or none", () => {
    const state = openProject();
    const model = state.trainedModel!;
    const run = runFromState(state, pets)!;
    const saved = {
      id: "s1",
      url: "/s/s1",
      version: 1,
      ownerToken: "t",
      modelCreatedAt: model.createdAt,
    };
    expect(hostedShareOf(saved, model, []).model).toBe(model);
    expect(hostedShareOf(saved, null, [run]).model).toBe(model);
    expect(hostedShareOf({ ...saved, modelCreatedAt: "earlier" }, model, [run]).model).toBeNull();
  });
});

describe("finishedRunView and startedAtOf", () => {
  it("shows a kept run as done with its curves, and reads the start time out of a run id", () => {
    const run = runFromState(openProject(), pets)!;
    expect(finishedRunView(run)).toMatchObject({
      state: "done",
      runId: RUN_ID,
      history: COMPLETED.history,
      reason: "completed",
      task: "classification",
    });
    expect(startedAtOf("run-oops")).toBeNull();
  });
});
