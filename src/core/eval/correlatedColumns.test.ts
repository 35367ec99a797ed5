import { describe, expect, it } from "vitest";
import { prepareTestTable } from "../../../tests/support/testModels";
import { correlatedColumnGroups, pearson } from "./correlatedColumns";

describe("correlated input columns", () => {
  it("computes Pearson r, 0 for a constant column", () => {
    // Columns: a, 2a + 1, −a, constant.
    const x = [1, 3, -1, 5, 2, 5, -2, 5, 4, 9, -4, 5];
    expect(pearson(x, 3, 4, 0, 1)).toBeCloseTo(1, 12);
    expect(pearson(x, 3, 4, 0, 2)).toBeCloseTo(-1, 12);
    expect(pearson(x, 3, 4, 0, 3)).toBe(0);
  });

  it("names diabetes' s1 and s2 (total and LDL cholesterol) as one group", async () => {
    const { plan, data } = await prepareTestTable({
      file: "public/samples/diabetes.csv",
      target: "progression",
      task: "regression",
    });
    const x = data.train.x;
    const groups = correlatedColumnGroups(x, data.train.rows, plan.preprocessing);
    const s1s2 = groups.find((g) => g.columns.includes("s1"));
    expect(s1s2?.columns).toEqual(expect.arrayContaining(["s1", "s2"]));
    expect(s1s2?.strongest).toBeGreaterThan(0.85);
    // Age and sex are not strongly correlated with anything.
    expect(groups.flatMap((g) => g.columns)).not.toContain("sex");
    // A stricter threshold leaves no group.
    expect(correlatedColumnGroups(x, data.train.rows, plan.preprocessing, 0.99)).toEqual([]);
  });
});
