import { describe, expect, it } from "vitest";
import { datasetChoices, sampleText } from "../../../tests/support/datasetChoices";
import { materializeFold, planFolds } from "./crossValidation";
import { planDataset, type DatasetChoices, type DatasetPlan } from "./prepare";

const sample = sampleText;

async function planned(
  text: string,
  target: string,
  task: DatasetChoices["task"],
): Promise<{ choices: DatasetChoices; plan: DatasetPlan }> {
  const choices = await datasetChoices(text, target, task, 7);
  const result = planDataset(choices);
  if (!result.ok) throw new Error(result.problem);
  return { choices, plan: result.plan };
}

const sorted = (rows: number[]) => [...rows].sort((a, b) => a - b);

describe("planFolds", () => {
  it("tests every training and validation row once, never a test row, stratified by class", async () => {
    const { choices, plan } = await planned(sample("iris.csv"), "species", "classification");
    const folds = planFolds(choices, plan, 5);
    expect(folds).toHaveLength(5);
    const pool = sorted([...plan.split.train, ...plan.split.validation]);
    expect(sorted(folds.flatMap((f) => f.test))).toEqual(pool);
    const heldOut = new Set(plan.split.test);
    const species = choices.table.columns[4] ?? [];
    for (const fold of folds) {
      const rows = [...fold.train, ...fold.validation, ...fold.test];
      expect(sorted(rows)).toEqual(pool);
      expect(rows.some((r) => heldOut.has(r))).toBe(false);
      // 128 rows of 3 classes (43/43/42): each fold tests 8 or 9 of each class.
      for (const name of ["setosa", "versicolor", "virginica"]) {
        const count = fold.test.filter((r) => species[r] === name).length;
        expect(count === 8 || count === 9).toBe(true);
      }
      // The rest is split as the plan splits: 70 : 15 of the 102 or 103 rows left.
      expect(fold.validation.length).toBeGreaterThanOrEqual(17);
      expect(fold.validation.length).toBeLessThanOrEqual(19);
    }
  });

  it("gives the same folds for the same seed and others for another", async () => {
    const { choices, plan } = await planned(sample("diabetes.csv"), "progression", "regression");
    const again = planFolds(choices, plan, 3);
    expect(planFolds(choices, plan, 3)).toEqual(again);
    expect(planFolds({ ...choices, seed: 8 }, plan, 3)).not.toEqual(again);
    expect(again.map((f) => f.test.length).sort()).toEqual([125, 125, 126]);
  });
});

describe("materializeFold", () => {
  it("fits scaling and the target on the fold's training rows only", async () => {
    const { choices, plan } = await planned(sample("diabetes.csv"), "progression", "regression");
    const [fold] = planFolds(choices, plan, 3);
    if (!fold) throw new Error("no fold");
    const data = materializeFold(choices, plan.preprocessing, fold);
    // Standardised on its own training rows: each feature has mean 0 there.
    const features = plan.featureCount;
    for (let f = 0; f < features; f++) {
      let sum = 0;
      for (let r = 0; r < data.train.rows; r++) sum += data.train.x[r * features + f] ?? 0;
      expect(Math.abs(sum / data.train.rows)).toBeLessThan(1e-4);
    }
    const label = data.preprocessing.label;
    const mainLabel = plan.preprocessing.label;
    if (label.kind !== "standardized" || mainLabel.kind !== "standardized") throw new Error();
    expect(label.mean).not.toBe(mainLabel.mean);
    const ys = Array.from(data.train.y);
    expect(Math.abs(ys.reduce((a, b) => a + b, 0) / ys.length)).toBeLessThan(1e-4);
    expect(data.test.rows).toBe(fold.test.length);
  });

  it("keeps the plan's one-hot categories when a fold's training rows lack one", async () => {
    // "rare" appears once: the fold that tests on it never trains on it.
    const lines = ["colour,size,label"];
    for (let i = 0; i < 40; i++) lines.push(`${i % 2 ? "red" : "blue"},${i},${i % 2 ? "a" : "b"}`);
    lines.push("rare,41,a");
    const { choices, plan } = await planned(lines.join("\n"), "label", "classification");
    expect(plan.preprocessing.featureNames).toContain("colour=rare");
    const folds = planFolds(
      { ...choices, fractions: { train: 1, validation: 0, test: 0 } },
      plan,
      4,
    );
    const withoutRare = folds.find((f) => f.test.includes(40));
    if (!withoutRare) throw new Error("rare row not tested");
    expect(withoutRare.validation).toEqual([]);
    const data = materializeFold(choices, plan.preprocessing, withoutRare);
    expect(data.preprocessing.featureNames).toEqual(plan.preprocessing.featureNames);
    expect(data.train.x.length).toBe(data.train.rows * plan.featureCount);
  });
});
