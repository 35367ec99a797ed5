import { describe, expect, it } from "vitest";
import { adviseOnReport } from "./advice";
import { classificationReport } from "./metrics";

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);

describe("adviseOnReport", () => {
  it("stays quiet for a model that beats the baseline on every class", () => {
    // 3 balanced classes, one mistake each way.
    const actual = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10)];
    const predicted = [...actual];
    predicted[0] = 1;
    predicted[10] = 2;
    const advice = adviseOnReport(classificationReport(actual, predicted, ["a", "b", "c"], actual));
    expect(advice).toEqual({
      classesWithoutTestRows: [],
      noBetterThanBaseline: false,
      lowRecallClasses: [],
      bestRecall: 1,
      classesBalanced: true,
      suggestBalancedWeights: false,
    });
  });

  it("flags a model that only ever says the majority class", () => {
    const actual = [...repeat(0, 18), ...repeat(1, 2)];
    const predicted = repeat(0, 20);
    const report = classificationReport(actual, predicted, ["common", "rare"], actual);
    expect(report.accuracy).toBe(0.9);
    expect(report.baselineAccuracy).toBe(0.9);
    const advice = adviseOnReport(report);
    expect(advice.noBetterThanBaseline).toBe(true);
    expect(advice.lowRecallClasses).toEqual([{ className: "rare", recall: 0 }]);
    expect(advice.suggestBalancedWeights).toBe(true);
  });

  it("flags a class whose recall is under half the best, even above the baseline", () => {
    // a: 10/10, b: 10/10, c: 4/10 (0.4 < 0.5 × 1).
    const actual = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 10)];
    const predicted = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 4), ...repeat(0, 6)];
    const advice = adviseOnReport(classificationReport(actual, predicted, ["a", "b", "c"], actual));
    expect(advice.noBetterThanBaseline).toBe(false);
    expect(advice.lowRecallClasses).toEqual([{ className: "c", recall: 0.4 }]);
    // Equal classes: balanced weights are all 1 and would change nothing, so they are not offered.
    expect(advice.classesBalanced).toBe(true);
    expect(advice.suggestBalancedWeights).toBe(false);
    // The same neglect of a class with half the rows of the others: balanced weights may help.
    const unequal = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 5)];
    const missed = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 2), ...repeat(0, 3)];
    const weighted = adviseOnReport(
      classificationReport(unequal, missed, ["a", "b", "c"], unequal),
    );
    expect(weighted.classesBalanced).toBe(false);
    expect(weighted.suggestBalancedWeights).toBe(true);
    // 0.5 of the best is not "far below".
    const half = [...repeat(0, 10), ...repeat(1, 10), ...repeat(2, 5), ...repeat(0, 5)];
    expect(
      adviseOnReport(classificationReport(actual, half, ["a", "b", "c"], actual)).lowRecallClasses,
    ).toEqual([]);
  });

  it("names classes with no test rows and leaves them out of the recall comparison", () => {
    const actual = [...repeat(0, 10), ...repeat(1, 10)];
    const train = [...actual, 2, 2];
    const report = classificationReport(actual, actual, ["a", "b", "tiny"], train);
    expect(report.macro.recall).toBeCloseTo(2 / 3, 12);
    const advice = adviseOnReport(report);
    expect(advice.classesWithoutTestRows).toEqual(["tiny"]);
    expect(advice.lowRecallClasses).toEqual([]);
    expect(advice.suggestBalancedWeights).toBe(false);
  });
});
