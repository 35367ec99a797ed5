import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTestStudio } from "../../tests/support/studioServices";
import type { StudioState } from "./index";
import {
  selectInputsKey,
  selectPictures,
  selectPlan,
  selectProfiles,
  selectReportIsStale,
  selectTable,
  selectTableFile,
} from "./selectors";

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
    expect(selectTableFile(state())).toBe(selectTableFile(before));
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
    expect(selectTable(state())?.fileName).toBe("diabetes.csv");
    expect(state().projectName).toBe("iris");
    expect(state().dataUndo).toMatchObject({ previousName: "iris.csv", newName: "diabetes.csv" });
    await state().undoDataReplacement();
    expect(state().dataUndo).toBeNull();
    expect(selectTable(state())?.fileName).toBe("iris.csv");
    expect(selectTableFile(state())).toBe(selectTableFile(iris));
    expect(state().target).toBe("petal_width");
    expect(state().columnSettings).toBe(iris.columnSettings);
    expect(state().spec).toBe(iris.spec);
    // The table is back in the data worker, so the data can be planned and trained on again.
    await vi.waitFor(() => expect(plan()?.featureCount).toBeGreaterThan(0));
  });

  it("replaces a table with pictures in the one dataset key, and undo puts the table back", async () => {
    await load("iris.csv");
    await vi.waitFor(() => expect(plan()).not.toBeNull());
    const iris = state();
    const zip = readFileSync("tests/fixtures/digits-png.zip");
    await state().loadImages([{ path: "digits.zip", file: new Blob([zip]) }], "digits.zip");
    // One key says what is loaded: the pictures, and no table, profiles or column choices.
    expect(state().dataset.kind).toBe("pictures");
    expect(selectPictures(state())?.count).toBe(600);
    expect(selectTable(state())).toBeNull();
    expect(selectProfiles(state())).toEqual([]);
    expect(state().target).toBeNull();
    expect(state().dataUndo).toMatchObject({ previousName: "iris.csv", newName: "digits.zip" });
    await state().undoDataReplacement();
    expect(state().dataset.kind).toBe("table");
    expect(selectPictures(state())).toBeNull();
    expect(selectTableFile(state())).toBe(selectTableFile(iris));
    expect(selectProfiles(state())).toBe(selectProfiles(iris));
    expect(state().target).toBe(iris.target);
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
