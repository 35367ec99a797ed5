import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTestStudio } from "../../tests/support/studioServices";
import type { StudioState } from "./index";
import { selectInputsKey, selectPlan, selectReportIsStale } from "./selectors";

let studio = createTestStudio();
const state = () => studio.getState();
/** The plan the data worker answered for the current choices (null until it answers). */
const plan = () => {
  const reply = selectPlan(state());
  return reply?.ok ? reply.plan : null;
};

async function load(name: string, bytes: BlobPart = readFileSync(`public/samples/${name}`)) {
  await state().loadFile(new File([bytes], name, { type: "text/csv" }));
}

beforeEach(() => {
  studio = createTestStudio();
});

describe("replacing a project's data", () => {
  it("refuses a one-row table and keeps the loaded data, its choices and its name", async () => {
    await load("iris.csv");
    await vi.waitFor(() => expect(selectPlan(state())).not.toBeNull());
    state().setTarget("sepal_length");
    const before = state();
    await load("onerow.csv", "sepal_length,sepal_width,species\n5.1,3.5,setosa\n");
    expect(state().datasetError).toContain("“onerow.csv” has only 1 data row;");
    expect(state().dataset).toBe(before.dataset);
    expect(state().datasetFile).toBe(before.datasetFile);
    expect(state().target).toBe("sepal_length");
    expect(state().dataUndo).toBeNull();
    // The data worker still holds the table: the plan for it is answered.
    state().setTarget("species");
    await vi.waitFor(() => expect(plan()?.classNames).toHaveLength(3));
  });

  it("names an untitled project after its data, and undoes a replacement completely", async () => {
    await load("iris.csv");
    expect(state().projectName).toBe("iris");
    await vi.waitFor(() => expect(selectPlan(state())).not.toBeNull());
    state().setTarget("petal_width");
    const iris = state();
    await load("diabetes.csv");
    expect(state().dataset?.fileName).toBe("diabetes.csv");
    expect(state().projectName).toBe("iris");
    expect(state().dataUndo).toMatchObject({ previousName: "iris.csv", newName: "diabetes.csv" });
    await state().undoDataReplacement();
    expect(state().dataUndo).toBeNull();
    expect(state().dataset?.fileName).toBe("iris.csv");
    expect(state().datasetFile).toBe(iris.datasetFile);
    expect(state().target).toBe("petal_width");
    expect(state().columnSettings).toBe(iris.columnSettings);
    expect(state().spec).toBe(iris.spec);
    // The table is back in the data worker, so the data can be planned and trained on again.
    await vi.waitFor(() => expect(plan()?.featureCount).toBeGreaterThan(0));
  });

  it("brings back a report that described the replaced data as current, not out of date", async () => {
    await load("iris.csv");
    await vi.waitFor(() => expect(plan()).not.toBeNull());
    // A report made on these choices (its content does not matter here, only what it describes).
    studio.setState({
      evaluation: { inputsKey: selectInputsKey(state()) } as StudioState["evaluation"],
    });
    expect(selectReportIsStale(state())).toBe(false);
    await load("diabetes.csv");
    expect(state().evaluation).toBeNull();
    await state().undoDataReplacement();
    expect(state().evaluation).not.toBeNull();
    expect(selectReportIsStale(state())).toBe(false);
  });

  it("takes away the note that the new data replaced the person's model", async () => {
    await load("iris.csv");
    await vi.waitFor(() => expect(plan()).not.toBeNull());
    // A model the person made (here: the proposal, marked as theirs).
    studio.setState({ specIsDefault: false });
    const spec = state().spec;
    await load("diabetes.csv");
    await vi.waitFor(() => expect(state().customModelReplaced).toBe(true));
    await state().undoDataReplacement();
    expect(state().spec).toBe(spec);
    expect(state().customModelReplaced).toBe(false);
  });
});
