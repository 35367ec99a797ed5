import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { defaultColumnSettings, profileColumns } from "../core/data/columns";
import { parseCsvText } from "../core/data/csv";
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

const initial = useStudio.getState();

async function loadDigits() {
  const table = await parseCsvText(
    readFileSync("public/samples/digits-8x8.csv", "utf8"),
    "digits-8x8.csv",
  );
  const profiles = profileColumns(table);
  useStudio.setState({
    table,
    profiles,
    columnSettings: profiles.map(defaultColumnSettings),
    target: "digit",
    task: "classification",
  });
  useStudio.getState().proposeModel();
}

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
    expect(dataShapeOf(s)).toEqual({ featureCount: 64, task: "classification", classCount: 10 });
    expect(selectAnalysis(s).nodes.output?.shape).toEqual([null, 10]);
    expect(selectDataFitProblems(s)).toEqual([]);
    expect(selectTrainBlocker(s)).toBeNull();
    expect(s.past).toEqual([]);
  });

  it("keeps a model the person edited, flags its head and fixes it in one click", async () => {
    await loadDigits();
    useStudio.getState().setLayerParams("dense_1", { units: 8 });
    useStudio.getState().setTask("regression");
    const problems = selectDataFitProblems(useStudio.getState());
    expect(problems).toHaveLength(1);
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

  it("marks a report stale when something it depends on changes", async () => {
    await loadDigits();
    const report = { inputsKey: selectInputsKey(useStudio.getState()) } as never;
    useStudio.setState({ evaluation: report });
    expect(selectReportIsStale(useStudio.getState())).toBe(false);
    useStudio.getState().setTrainConfig({ epochs: 3 });
    expect(selectReportIsStale(useStudio.getState())).toBe(true);
  });
});
