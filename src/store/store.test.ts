import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { LocalDataService } from "../worker/dataService";
import { setDataService } from "./dataService";
import { useStudio } from "./index";
import {
  dataShapeOf,
  selectAnalysis,
  selectDataFitProblems,
  selectInputsKey,
  selectPlan,
  selectReportIsStale,
  selectTrainBlocker,
} from "./selectors";

setDataService(new LocalDataService());
const initial = useStudio.getState();

/** Loads a sample through the store, as dropping the file does, and waits for its plan. */
async function loadSample(name: string) {
  const text = readFileSync(`public/samples/${name}`);
  await useStudio.getState().loadFile(new File([text], name, { type: "text/csv" }));
  await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
}

const loadDigits = () => loadSample("digits-8x8.csv");

beforeEach(() => useStudio.setState(initial, true));

describe("the store", () => {
  it("derives the same objects for the same state, so components do not re-render in a loop", async () => {
    await loadDigits();
    const s = useStudio.getState();
    expect(selectPlan(s)).toBe(selectPlan(s));
    expect(dataShapeOf(s)).toBe(dataShapeOf(s));
    expect(selectAnalysis(s)).toBe(selectAnalysis(s));
    expect(selectDataFitProblems(s)).toBe(selectDataFitProblems(s));
    expect(selectInputsKey(s)).toBe(selectInputsKey(s));
  });

  it("proposes a model that fits the data, and lets training start", async () => {
    await loadDigits();
    const s = useStudio.getState();
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
    useStudio.getState().setLayerParams("dense_1", { units: 8 });
    useStudio.getState().setTask("regression");
    await vi.waitFor(() => expect(selectDataFitProblems(useStudio.getState())).toHaveLength(1));
    const problems = selectDataFitProblems(useStudio.getState());
    expect(problems[0]?.message).toMatch(/one number/);
    expect(selectTrainBlocker(useStudio.getState())).toMatch(/does not fit the data/);
    useStudio.getState().fitHead();
    expect(selectDataFitProblems(useStudio.getState())).toEqual([]);
    expect(selectAnalysis(useStudio.getState()).nodes.output?.shape).toEqual([null, 1]);
    expect(useStudio.getState().spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(8);
  });

  it("undoes and redoes edits, and a new edit clears redo", async () => {
    await loadDigits();
    const proposed = useStudio.getState().spec;
    useStudio.getState().selectLayer("dense_2");
    useStudio.getState().addLayerAt("Dropout");
    const withDropout = useStudio.getState().spec;
    expect(withDropout.nodes.map((n) => n.type)).toContain("Dropout");
    useStudio.getState().undo();
    expect(useStudio.getState().spec).toEqual(proposed);
    useStudio.getState().redo();
    expect(useStudio.getState().spec).toEqual(withDropout);
    useStudio.getState().undo();
    useStudio.getState().clearModel();
    expect(useStudio.getState().future).toEqual([]);
    expect(selectTrainBlocker(useStudio.getState())).toMatch(/no output|no Input/);
  });

  it("refits when a choice changes and keeps the loaded dataset when a bad file comes", async () => {
    await loadSample("iris.csv");
    const first = selectPlan(useStudio.getState());
    expect(first?.ok && first.plan.featureCount).toBe(4);
    useStudio.getState().updateColumn("petal_width", { use: false });
    await vi.waitFor(() => {
      const plan = selectPlan(useStudio.getState());
      expect(plan?.ok && plan.plan.featureCount).toBe(3);
    });
    expect(selectAnalysis(useStudio.getState()).nodes.input?.shape).toEqual([null, 3]);
    await useStudio
      .getState()
      .loadFile(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0])], "x.png"));
    const state = useStudio.getState();
    expect(state.datasetError).toMatch(/x\.png/);
    expect(state.dataset?.fileName).toBe("iris.csv");
    expect(state.datasetStatus).toBe("ready");
  });

  it("does not replace a model the person started before the data's plan arrived", async () => {
    const text = readFileSync("public/samples/iris.csv");
    await useStudio.getState().loadFile(new File([text], "iris.csv", { type: "text/csv" }));
    useStudio.getState().clearModel();
    await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
    expect(useStudio.getState().spec.nodes).toEqual([]);
  });

  it("makes one undo step of quick typing in one field", async () => {
    await loadDigits();
    const before = useStudio.getState().spec;
    for (const units of [2, 25, 256]) useStudio.getState().setLayerParams("dense_1", { units });
    useStudio.getState().setLayerParams("dense_2", { units: 7 });
    expect(useStudio.getState().past).toHaveLength(2);
    useStudio.getState().undo();
    expect(useStudio.getState().spec.nodes.find((n) => n.id === "dense_1")?.params.units).toBe(256);
    useStudio.getState().undo();
    expect(useStudio.getState().spec).toEqual(before);
  });

  it("marks a report stale when something it depends on changes", async () => {
    await loadDigits();
    const report = { inputsKey: selectInputsKey(useStudio.getState()) } as never;
    useStudio.setState({ evaluation: report });
    expect(selectReportIsStale(useStudio.getState())).toBe(false);
    useStudio.getState().setTrainConfig({ epochs: 3 });
    expect(selectReportIsStale(useStudio.getState())).toBe(true);
  });
});

describe("an invalid split", () => {
  it("blocks training with the reason instead of keeping the old split", async () => {
    await loadSample("iris.csv");
    expect(selectTrainBlocker(useStudio.getState())).toBeNull();
    useStudio.getState().setSplit({ train: 0.7, validation: 0.3, test: 0.2 });
    const s = useStudio.getState();
    expect(selectPlan(s)).toBeNull();
    expect(selectTrainBlocker(s)).toBe(
      "The split shares add up to 120%; make them add up to 100%.",
    );
    await s.startTraining();
    expect(useStudio.getState().run.state).toBe("error");
    useStudio.getState().setSplit({ train: 0.6, validation: 0.2, test: 0.2 });
    await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
    const plan = selectPlan(useStudio.getState());
    expect(plan?.ok && plan.plan.sizes).toEqual({ train: 90, validation: 30, test: 30 });
    expect(selectTrainBlocker(useStudio.getState())).toBeNull();
  });
});

describe("loading a new dataset", () => {
  it("clears the last run and says when it replaced the person's model, with undo", async () => {
    await loadSample("iris.csv");
    useStudio.getState().setLayerParams("dense_1", { units: 7 });
    const custom = useStudio.getState().spec;
    // What a finished run leaves behind (training itself needs a worker, covered end to end).
    useStudio.setState({
      run: {
        ...useStudio.getState().run,
        state: "done",
        reason: "early-stopped",
        history: [
          { epoch: 1, loss: 1, metric: 0.5, valLoss: 1, valMetric: 0.5, numTensors: 9, seconds: 1 },
        ],
        batchLosses: [1, 0.9],
      },
    });

    await loadDigits();
    const s = useStudio.getState();
    expect(s.run.state).toBe("idle");
    expect(s.run.history).toEqual([]);
    expect(s.run.batchLosses).toEqual([]);
    expect(s.customModelReplaced).toBe(true);
    expect(s.specIsDefault).toBe(true);
    expect(s.spec).not.toEqual(custom);

    s.restoreReplacedModel();
    const restored = useStudio.getState();
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
    expect(useStudio.getState().spec).toEqual(s.spec);
  });

  it("replaces the proposed model without a note", async () => {
    await loadSample("iris.csv");
    await loadDigits();
    expect(useStudio.getState().customModelReplaced).toBe(false);
    expect(useStudio.getState().past).toEqual([]);
  });
});
