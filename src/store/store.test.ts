import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable } from "../../tests/support/studioSteps";
import {
  dataShapeOf,
  selectAnalysis,
  selectDataFitProblems,
  selectDatasetStatus,
  selectInputsKey,
  selectPlan,
  selectReportIsStale,
  selectTable,
  selectTrainBlocker,
} from "./selectors";

let studio = createTestStudio();

/** Loads a sample through the store, as dropping the file does, and waits for its plan. */
const loadSample = (name: string) => loadTable(studio, `public/samples/${name}`);

const loadDigits = () => loadSample("digits-8x8.csv");

beforeEach(() => {
  studio = createTestStudio();
});

describe("the store", () => {
  it("derives the same objects for the same state, so components do not re-render in a loop", async () => {
    await loadDigits();
    const s = studio.getState();
    expect(selectPlan(s)).toBe(selectPlan(s));
    expect(dataShapeOf(s)).toBe(dataShapeOf(s));
    expect(selectAnalysis(s)).toBe(selectAnalysis(s));
    expect(selectDataFitProblems(s)).toBe(selectDataFitProblems(s));
    expect(selectInputsKey(s)).toBe(selectInputsKey(s));
  });

  it("proposes a model that fits the data, and lets training start", async () => {
    await loadDigits();
    const s = studio.getState();
    expect(dataShapeOf(s)).toEqual({
      featureCount: 64,
      task: "classification",
      classCount: 10,
      rows: 1258,
    });
    expect(selectAnalysis(s).nodes.output?.shape).toEqual([null, 10]);
    expect(selectDataFitProblems(s)).toEqual([]);
    expect(selectTrainBlocker(s)).toBeNull();
    expect(s.past).toEqual([]);
  });

  it("keeps a model the person edited, flags its head and fixes it in one click", async () => {
    await loadDigits();
    studio.getState().setLayerParams("dense_1", { units: 8 });
    studio.getState().setTask("regression");
    await vi.waitFor(() => expect(selectDataFitProblems(studio.getState())).toHaveLength(1));
    const problems = selectDataFitProblems(studio.getState());
    expect(problems[0]?.message).toMatch(/one number/);
    expect(selectTrainBlocker(studio.getState())).toMatch(/does not fit the data/);
    studio.getState().fitHead();
    expect(selectDataFitProblems(studio.getState())).toEqual([]);
    expect(selectAnalysis(studio.getState()).nodes.output?.shape).toEqual([null, 1]);
    expect(studio.getState().spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(8);
  });

  it("undoes and redoes edits, and a new edit clears redo", async () => {
    await loadDigits();
    const proposed = studio.getState().spec;
    studio.getState().selectLayer("dense_2");
    studio.getState().addLayerAt("Dropout");
    const withDropout = studio.getState().spec;
    expect(withDropout.nodes.map((n) => n.type)).toContain("Dropout");
    studio.getState().undo();
    expect(studio.getState().spec).toEqual(proposed);
    studio.getState().redo();
    expect(studio.getState().spec).toEqual(withDropout);
    studio.getState().undo();
    studio.getState().clearModel();
    expect(studio.getState().future).toEqual([]);
    expect(selectTrainBlocker(studio.getState())).toMatch(/no output|no Input/);
  });

  it("refits when a choice changes and keeps the loaded dataset when a bad file comes", async () => {
    await loadSample("iris.csv");
    const first = selectPlan(studio.getState());
    expect(first?.ok && first.plan.featureCount).toBe(4);
    studio.getState().updateColumn("petal_width", { use: false });
    await vi.waitFor(() => {
      const plan = selectPlan(studio.getState());
      expect(plan?.ok && plan.plan.featureCount).toBe(3);
    });
    expect(selectAnalysis(studio.getState()).nodes.input?.shape).toEqual([null, 3]);
    const bad = studio
      .getState()
      .loadFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], "x.png"));
    // The status is derived: "parsing" while the file is read, whatever was loaded before.
    expect(selectDatasetStatus(studio.getState())).toBe("parsing");
    await bad;
    const state = studio.getState();
    expect(state.datasetError).toMatch(/x\.png/);
    expect(selectTable(state)?.fileName).toBe("iris.csv");
    expect(selectDatasetStatus(state)).toBe("ready");
  });

  it("does not replace a model the person started before the data's plan arrived", async () => {
    const text = readFileSync("public/samples/iris.csv");
    await studio.getState().loadFile(new File([text], "iris.csv", { type: "text/csv" }));
    studio.getState().clearModel();
    await vi.waitFor(() => expect(selectPlan(studio.getState())).not.toBeNull());
    expect(studio.getState().spec.nodes).toEqual([]);
  });

  it("makes one undo step of quick typing in one field", async () => {
    await loadDigits();
    const before = studio.getState().spec;
    for (const units of [2, 25, 256]) studio.getState().setLayerParams("dense_1", { units });
    studio.getState().setLayerParams("dense_2", { units: 7 });
    expect(studio.getState().past).toHaveLength(2);
    studio.getState().undo();
    expect(studio.getState().spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(256);
    studio.getState().undo();
    expect(studio.getState().spec).toEqual(before);
  });

  it("marks a report stale when something it depends on changes", async () => {
    await loadDigits();
    const report = { inputsKey: selectInputsKey(studio.getState()) } as never;
    studio.setState({ evaluation: report });
    expect(selectReportIsStale(studio.getState())).toBe(false);
    studio.getState().setTrainConfig({ epochs: 3 });
    expect(selectReportIsStale(studio.getState())).toBe(true);
  });
});

describe("an invalid split", () => {
  it("blocks training with the reason instead of keeping the old split", async () => {
    await loadSample("iris.csv");
    expect(selectTrainBlocker(studio.getState())).toBeNull();
    studio.getState().setSplit({ train: 0.7, validation: 0.3, test: 0.2 });
    const s = studio.getState();
    expect(selectPlan(s)).toBeNull();
    expect(selectTrainBlocker(s)).toBe(
      "The split shares add up to 120%; make them add up to 100%.",
    );
    await s.startTraining();
    expect(studio.getState().run.state).toBe("error");
    studio.getState().setSplit({ train: 0.6, validation: 0.2, test: 0.2 });
    await vi.waitFor(() => expect(selectPlan(studio.getState())).not.toBeNull());
    const plan = selectPlan(studio.getState());
    expect(plan?.ok && plan.plan.sizes).toEqual({ train: 90, validation: 30, test: 30 });
    expect(selectTrainBlocker(studio.getState())).toBeNull();
  });
});

describe("loading a new dataset", () => {
  it("clears the last run and says when it replaced the person's model, with undo", async () => {
    await loadSample("iris.csv");
    studio.getState().setLayerParams("dense_1", { units: 7 });
    const custom = studio.getState().spec;
    // What a finished run leaves behind (training itself needs a worker, covered end to end).
    studio.setState({
      run: {
        ...studio.getState().run,
        state: "done",
        reason: "early-stopped",
        history: [
          { epoch: 1, loss: 1, metric: 0.5, valLoss: 1, valMetric: 0.5, numTensors: 9, seconds: 1 },
        ],
        batchLosses: [1, 0.9],
      },
    });

    await loadDigits();
    const s = studio.getState();
    expect(s.run.state).toBe("idle");
    expect(s.run.history).toEqual([]);
    expect(s.run.batchLosses).toEqual([]);
    expect(s.customModelReplaced).toBe(true);
    expect(s.specIsDefault).toBe(true);
    expect(s.spec).not.toEqual(custom);

    s.restoreReplacedModel();
    const restored = studio.getState();
    expect(restored.customModelReplaced).toBe(false);
    expect(restored.specIsDefault).toBe(false);
    expect(restored.spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(7);
    // Consistent with the new data: the input takes digits' 64 features; the head (3 classes)
    // is flagged with its one-click fix rather than silently kept.
    expect(selectAnalysis(restored).nodes[restored.spec.inputs[0] ?? ""]?.shape).toEqual([
      null,
      64,
    ]);
    expect(selectDataFitProblems(restored)[0]?.fixable).toBe(true);
    // Redo goes back to the default.
    restored.redo();
    expect(studio.getState().spec).toEqual(s.spec);
  });

  it("replaces the proposed model without a note", async () => {
    await loadSample("iris.csv");
    await loadDigits();
    expect(studio.getState().customModelReplaced).toBe(false);
    expect(studio.getState().past).toEqual([]);
  });
});
