import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { datasetChoices, sampleText } from "../../../tests/support/datasetChoices";
import { materializeSplits, planDataset, rawTargets, type DatasetChoices } from "./prepare";

const sample = sampleText;
const choicesFor = (text: string, target: string, task: DatasetChoices["task"]) =>
  datasetChoices(text, target, task, 42);

describe("planDataset", () => {
  it("splits iris stratified and fits on the training rows", async () => {
    const result = planDataset(await choicesFor(sample("iris.csv"), "species", "classification"));
    if (!result.ok) throw new Error(result.problem);
    const { plan } = result;
    expect(plan.featureCount).toBe(4);
    expect(plan.classNames).toEqual(["setosa", "versicolor", "virginica"]);
    expect([plan.split.train.length, plan.split.validation.length, plan.split.test.length]).toEqual(
      [105, 23, 22],
    );
    const all = new Set([...plan.split.train, ...plan.split.validation, ...plan.split.test]);
    expect(all.size).toBe(150);
    const data = materializeSplits(
      (await choicesFor(sample("iris.csv"), "species", "classification")).table,
      plan,
    );
    expect(data.train.x).toHaveLength(105 * 4);
    expect(data.train.x.every(Number.isFinite)).toBe(true);
    // Standardised on the training rows: each feature's training mean is 0.
    for (let f = 0; f < 4; f++) {
      let sum = 0;
      for (let r = 0; r < 105; r++) sum += data.train.x[r * 4 + f] ?? NaN;
      expect(Math.abs(sum / 105)).toBeLessThan(1e-5);
    }
    const perClass = [0, 1, 2].map((c) => Array.from(data.test.y).filter((y) => y === c).length);
    expect(perClass.every((n) => n >= 7 && n <= 8)).toBe(true);
  });

  it("keeps regression targets in their own units for the report", async () => {
    const choices = await choicesFor(sample("diabetes.csv"), "progression", "regression");
    const result = planDataset(choices);
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.featureCount).toBe(10);
    const rows = result.plan.split.test.slice(0, 3);
    const column = choices.table.columns[choices.table.headers.indexOf("progression")] ?? [];
    expect(rawTargets(choices.table, result.plan.preprocessing, rows)).toEqual(
      rows.map((r) => Number(column[r])),
    );
  });

  it("explains a target with a single class", async () => {
    const text = "x,label\n" + Array.from({ length: 20 }, (_, i) => `${i},same`).join("\n");
    const result = planDataset(await choicesFor(text, "label", "classification"));
    expect(result).toEqual({ ok: false, problem: expect.stringMatching(/single class \(same\)/) });
  });

  it("explains a text target for regression, no features, and too few rows", async () => {
    const iris = await choicesFor(sample("iris.csv"), "species", "regression");
    expect(planDataset(iris)).toEqual({ ok: false, problem: expect.stringMatching(/not numeric/) });
    const none = await choicesFor(sample("iris.csv"), "species", "classification");
    none.settings = none.settings.map((s) => ({ ...s, use: false }));
    expect(planDataset(none)).toEqual({
      ok: false,
      problem: expect.stringMatching(/No column is left/),
    });
    const tiny = await choicesFor("a,b\n1,x\n2,y\n3,x\n", "b", "classification");
    expect(planDataset(tiny)).toEqual({ ok: false, problem: expect.stringMatching(/at least 10/) });
  });

  it("leaves rows without a target out of every split", async () => {
    const text =
      "x,label\n" +
      Array.from(
        { length: 40 },
        (_, i) => `${(i * 0.37).toFixed(2)},${i % 5 === 0 ? "NA" : i % 2 ? "a" : "b"}`,
      ).join("\n");
    const result = planDataset(await choicesFor(text, "label", "classification"));
    if (!result.ok) throw new Error(result.problem);
    const used = [
      ...result.plan.split.train,
      ...result.plan.split.validation,
      ...result.plan.split.test,
    ];
    expect(used).toHaveLength(32);
    expect(used.some((r) => r % 5 === 0)).toBe(false);
  });
});

describe("an analyst-style table (tests/fixtures/customers.csv)", () => {
  const customers = (name = "customers.csv") =>
    readFileSync(new URL(`../../../tests/fixtures/${name}`, import.meta.url), "utf8");

  it("reads the id, the date and the region, and finds the classes too small for every split", async () => {
    const choices = await choicesFor(customers(), "segment", "classification");
    expect(choices.profiles.map((p) => [p.name, p.inferredType])).toEqual([
      ["customer_id", "identifier"],
      ["signup_date", "date"],
      ["region", "categorical"],
      ["monthly_spend", "numeric"],
      ["visits", "numeric"],
      ["segment", "categorical"],
    ]);
    const result = planDataset(choices);
    if (!result.ok) throw new Error(result.problem);
    const { plan } = result;
    expect(plan.preprocessing.featureNames).toEqual([
      "signup_date:year",
      "signup_date:month",
      "signup_date:dayOfWeek",
      "signup_date:daysSinceStart",
      "region=north",
      "region=south",
      "region=west",
      "region=east",
      "monthly_spend",
      "visits",
    ]);
    expect(plan.classNames).toEqual(["basic", "enterprise", "premium", "vip"]);
    expect(plan.smallClasses).toEqual([
      { className: "enterprise", rows: 2, missingFrom: ["validation"] },
      { className: "vip", rows: 1, missingFrom: ["validation", "test"] },
    ]);
    const data = materializeSplits(choices.table, plan);
    expect(data.train.x.every((v) => Number.isFinite(v))).toBe(true);
  });

  it("reads day-first dates as the same days as ISO ones", async () => {
    const iso = planDataset(await choicesFor(customers(), "segment", "classification"));
    const dmy = await choicesFor(customers("customers-dmy.csv"), "segment", "classification");
    expect(dmy.profiles[1]).toMatchObject({ inferredType: "date", dateOrder: "dmy" });
    const result = planDataset(dmy);
    if (!iso.ok || !result.ok) throw new Error("no plan");
    expect(result.plan.preprocessing.inputs[0]).toEqual({
      ...iso.plan.preprocessing.inputs[0],
      order: "dmy",
    });
  });

  it("adds a (missing) region when asked", async () => {
    const choices = await choicesFor(customers(), "segment", "classification");
    choices.settings = choices.settings.map((s) =>
      s.name === "region" ? { ...s, impute: "missing-category" as const } : s,
    );
    const result = planDataset(choices);
    if (!result.ok) throw new Error(result.problem);
    expect(result.plan.preprocessing.featureNames).toContain("region=(missing)");
    expect(result.plan.featureCount).toBe(11);
  });
});
