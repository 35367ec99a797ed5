import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { LocalDataService } from "../worker/dataService";
import { LocalPredictService } from "../worker/predictService";
import { LocalTrainingRunner } from "../worker/localTrainingRunner";
import { setDataService } from "./dataService";
import { selectDecisionThreshold } from "./evaluationSlice";
import { useStudio } from "./index";
import { setPredictService } from "./predictService";
import { selectPlan } from "./selectors";
import { setTrainingRunner } from "./trainingRunner";

setDataService(new LocalDataService());
setTrainingRunner(new LocalTrainingRunner());
setPredictService(new LocalPredictService());
const initial = useStudio.getState();

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => useStudio.setState(initial, true));

async function trainOn(path: string, target: string) {
  const name = path.split("/").pop() ?? path;
  await useStudio.getState().loadFile(new File([readFileSync(path)], name, { type: "text/csv" }));
  await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
  useStudio.getState().setTarget(target);
  await vi.waitFor(() => expect(selectPlan(useStudio.getState())).not.toBeNull());
  useStudio.getState().setBackendPreference("cpu");
  useStudio.getState().setTrainConfig({ epochs: 3 });
  await useStudio.getState().startTraining();
  await vi.waitFor(() => expect(useStudio.getState().run.state).toMatch(/done|error/), {
    timeout: 60_000,
  });
  expect(useStudio.getState().run.error).toBeNull();
}

describe("the decision threshold is kept in the trained model", () => {
  it("moves try-it's answers for a binary model, and the project's run keeps it", async () => {
    await trainOn("tests/fixtures/diabetes-binary.csv", "progression_high");
    const before = useStudio.getState().trainedModel;
    if (!before) throw new Error("no model");
    expect(before.labels).toEqual(["no", "yes"]);
    expect(selectDecisionThreshold(useStudio.getState())).toBe(0.5);
    useStudio.setState({
      projectRuns: [{ id: "run-1", model: before } as never],
    });

    useStudio.getState().setDecisionThreshold(0.35);
    const after = useStudio.getState().trainedModel;
    expect(after?.decisionThreshold).toBe(0.35);
    expect(selectDecisionThreshold(useStudio.getState())).toBe(0.35);
    expect(useStudio.getState().projectRuns[0]?.model).toBe(after);
    useStudio.getState().setDecisionThreshold(7);
    expect(useStudio.getState().trainedModel?.decisionThreshold).toBe(1);
    useStudio.getState().setDecisionThreshold(0.35);

    // Every sample row's answer follows p(yes) ≥ 0.35, not the larger probability.
    const answers = await Promise.all(
      before.sampleRows.map((row) => useStudio.getState().predictRecord(row)),
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
    const model = useStudio.getState().trainedModel;
    useStudio.getState().setDecisionThreshold(0.2);
    expect(useStudio.getState().trainedModel).toBe(model);
  }, 120_000);
});
