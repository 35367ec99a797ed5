import { describe, expect, it } from "vitest";
import { COMPLETED, classesPrepared, numbersPrepared } from "../../../tests/support/preparedRuns";
import { buildEvaluation, linearOfReport, reopenedEvaluation, reportInputsOf } from "./evaluation";

/** Test outputs of three classes, row by row: rows 0, 1 and 3 right, row 2 (a fox) called a dog. */
const classOutputs = Float32Array.from([
  0.8, 0.1, 0.1, 0.1, 0.7, 0.2, 0.2, 0.5, 0.3, 0.6, 0.3, 0.1,
]);

/** The evaluation of classOutputs on classesPrepared, with `extra` inputs. */
const classesEvaluation = (extra: Partial<Parameters<typeof buildEvaluation>[0]> = {}) =>
  buildEvaluation({
    prepared: classesPrepared(),
    testOutputs: classOutputs,
    outputSize: 3,
    inputsKey: "k1",
    outcome: COMPLETED,
    backend: "cpu",
    ...extra,
  });

describe("buildEvaluation", () => {
  it("scores a classifier's test outputs against the test labels, and keeps where each row came from", () => {
    const prepared = classesPrepared();
    const evaluation = classesEvaluation({ prepared });
    const { report } = evaluation;
    if (report.kind !== "classification") throw new Error(report.kind);
    expect(report.accuracy).toBe(0.75);
    expect(evaluation.targetName).toBe("animal");
    expect(evaluation.inputsKey).toBe("k1");
    expect(evaluation.predictions.origin).toEqual({ rowNumbers: [3, 7, 8, 12] });
    expect(evaluation.testRows).toEqual({ x: prepared.test.x, y: prepared.test.y, rows: 4 });
    // The curve scores are computed (log loss: the mean −ln of each true class's probability),
    // and the report keeps them for links and bundles.
    const logLoss = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.3) + Math.log(0.6)) / 4;
    expect(evaluation.scores?.logLoss).toBeCloseTo(logLoss, 5);
    expect(report.scores).toBeDefined();
    expect(evaluation.linear).toBeNull();
    expect(report.linear).toBeUndefined();
    expect(evaluation.crossValidation).toBeNull();
  });

  it("adds the linear baseline scored on the same rows, into the report it keeps", () => {
    // The linear model gets every row right.
    const linearOutputs = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0]);
    const evaluation = classesEvaluation({
      linear: { outputs: linearOutputs, iterations: 12, converged: true },
    });
    const linear = evaluation.linear?.report;
    if (linear?.kind !== "classification") throw new Error("no linear report");
    expect(linear.accuracy).toBe(1);
    expect(evaluation.report.linear).toMatchObject({ iterations: 12, converged: true });
  });

  it("turns a regression's standardised outputs back into the target's units", () => {
    const evaluation = buildEvaluation({
      prepared: numbersPrepared(),
      testOutputs: Float32Array.from([-1, 0, 0.5]),
      outputSize: 1,
      inputsKey: "k2",
      outcome: COMPLETED,
      backend: "wasm",
    });
    const { report } = evaluation;
    if (report.kind !== "regression") throw new Error(report.kind);
    // Predicted 10, 20, 25 against 10, 20, 30.
    expect(report.mae).toBeCloseTo(5 / 3, 10);
    expect(evaluation.points).toEqual([
      { actual: 10, predicted: 10 },
      { actual: 20, predicted: 20 },
      { actual: 30, predicted: 25 },
    ]);
    expect(evaluation.scores).toBeNull();
  });
});

describe("reportInputsOf", () => {
  it("hands the report the labels and targets of the prepared splits", () => {
    const prepared = numbersPrepared();
    expect(reportInputsOf(prepared)).toEqual({
      label: prepared.plan.preprocessing.label,
      testLabels: prepared.test.y,
      trainLabels: prepared.train.y,
      testTargets: prepared.testTargets,
      trainTargets: prepared.trainTargets,
    });
  });
});

describe("reopenedEvaluation", () => {
  it("recomputes a saved run's curve scores from its predictions, and offers no test features", () => {
    const fresh = classesEvaluation({
      linear: { outputs: new Float64Array(12).fill(1 / 3), iterations: 3, converged: false },
    });
    // What a project keeps of it (see runFromState).
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped as a project drops them
    const { inputsKey, scores, linear, testRows, crossValidation, ...kept } = fresh;
    const reopened = reopenedEvaluation(kept);
    expect(reopened.scores).toEqual(fresh.scores);
    expect(reopened.testRows.rows).toBe(0);
    expect(reopened.linear).toEqual(linearOfReport(fresh.report));
    expect(reopened.linear).toMatchObject({ iterations: 3, converged: false, scores: null });
  });

  it("has no linear comparison for a report that kept none", () => {
    const report = buildEvaluation({
      prepared: numbersPrepared(),
      testOutputs: Float32Array.from([0, 0, 0]),
      outputSize: 1,
      inputsKey: "k",
      outcome: COMPLETED,
      backend: "cpu",
    }).report;
    expect(linearOfReport(report)).toBeNull();
  });
});
