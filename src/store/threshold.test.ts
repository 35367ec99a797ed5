import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { selectDecisionThreshold } from "./evaluationSlice";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";
import { selectPlan } from "./selectors";

let studio = createTestStudio();

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  studio = createTestStudio();
});

async function trainOn(path: string, target: string) {
  await loadTable(studio, path);
  studio.getState().setTarget(target);
  await vi.waitFor(() => expect(selectPlan(studio.getState())).not.toBeNull());
  await trainOnCpu(studio, 3);
}

describe("the decision threshold is kept in the trained model", () => {
  it("moves try-it's answers for a binary model, and the project's run keeps it", async () => {
    await trainOn("tests/fixtures/diabetes-binary.csv", "progression_high");
    const before = studio.getState().trainedModel;
    if (!before) throw new Error("no model");
    expect(before.labels).toEqual(["no", "yes"]);
    expect(selectDecisionThreshold(studio.getState())).toBe(0.5);
    studio.setState({
      projectRuns: [{ id: "run-1", model: before } as never],
    });

    studio.getState().setDecisionThreshold(0.35);
    const after = studio.getState().trainedModel;
    expect(after?.decisionThreshold).toBe(0.35);
    expect(selectDecisionThreshold(studio.getState())).toBe(0.35);
    expect(studio.getState().projectRuns[0]?.model).toBe(after);
    studio.getState().setDecisionThreshold(7);
    expect(studio.getState().trainedModel?.decisionThreshold).toBe(1);
    studio.getState().setDecisionThreshold(0.35);

    // Every sample row's answer follows p(yes) ≥ 0.35, not the larger probability.
    const answers = await Promise.all(
      before.sampleRows.map((row) => studio.getState().predictRecord(row)),
    );
    let movedByThreshold = 0;
    for (const answer of answers) {
      if (answer.kind !== "classification") throw new Error("not a class");
      const yes = answer.probabilities[1]?.probability ?? NaN;
      expect(answer.predicted).toBe(yes >= 0.35 ? "yes" : "no");
      if (yes >= 0.35 && yes < 0.5) movedByThreshold++;
    }
    // The rows between 0.35 and 0.5 are the ones the threshold changed (none would be a weak test).
    expect(movedByThreshold).toBeGreaterThan(0);
  }, 120_000);

  it("has no effect on a model of three classes", async () => {
    await trainOn("public/samples/iris.csv", "species");
    const model = studio.getState().trainedModel;
    studio.getState().setDecisionThreshold(0.2);
    expect(studio.getState().trainedModel).toBe(model);
  }, 120_000);
});
