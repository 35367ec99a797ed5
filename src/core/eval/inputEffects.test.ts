import { describe, expect, it } from "vitest";
import { fruitPreprocessing } from "../../../tests/support/fruitTable";
import { inverseTarget, transformRecord } from "../data/preprocess";
import type { PredictRows } from "./importance";
import { inputEffects } from "./inputEffects";

describe("per-input effects on one prediction", () => {
  it("replaces each column by its typical value and reports the change", async () => {
    const preprocessing = await fruitPreprocessing();
    // A linear model on the five features: [size (standardized), red, blue, green, fresh].
    const weights = [0.5, 1, -1, 0.25, 2];
    const predict: PredictRows = (x, rows) =>
      Promise.resolve(
        Float32Array.from({ length: rows }, (_, r) =>
          weights.reduce((sum, w, f) => sum + w * (x[r * 5 + f] as number), 0),
        ),
      );
    const row = transformRecord({ size: "5", color: "green", fresh: "no" }, preprocessing);
    const result = await inputEffects(row, preprocessing, predict);
    const standardizedSize = (5 - 3) / Math.sqrt(2); // sizes 1…5: mean 3, std √2
    const raw = 0.5 * standardizedSize + 0.25;
    expect(result.prediction[0]).toBeCloseTo(inverseTarget(preprocessing, raw), 5);
    const byColumn = Object.fromEntries(result.effects.map((e) => [e.column, e]));
    // size → its training mean 3 (0 once standardized).
    expect(byColumn.size?.reference).toBe("3");
    expect(byColumn.size?.replaced[0]).toBeCloseTo(inverseTarget(preprocessing, 0.25), 5);
    // color → red, the most frequent training category.
    expect(byColumn.color?.reference).toBe("red");
    expect(byColumn.color?.replaced[0]).toBeCloseTo(
      inverseTarget(preprocessing, 0.5 * standardizedSize + 1),
      5,
    );
    // fresh → yes (3 of 5 training rows).
    expect(byColumn.fresh?.reference).toBe("true");
    // Changes are in the target's units: the standardized change times the target's std.
    const label = preprocessing.label;
    const std = label.kind === "standardized" ? label.std : NaN;
    expect(byColumn.fresh?.change[0]).toBeCloseTo(-2 * std, 5);
    expect(byColumn.color?.change[0]).toBeCloseTo((0.25 - 1) * std, 5);
    expect(byColumn.size?.change[0]).toBeCloseTo(0.5 * standardizedSize * std, 5);
  });

  it("gives class probability changes for classification", async () => {
    const base = await fruitPreprocessing();
    const preprocessing = {
      ...base,
      task: "classification" as const,
      label: { kind: "classes" as const, column: "price", classNames: ["cheap", "dear"] },
    };
    // p(dear) = 0.8 when fresh, else 0.3.
    const predict: PredictRows = (x, rows) =>
      Promise.resolve(
        Float32Array.from({ length: rows * 2 }, (_, i) => {
          const fresh = (x[Math.floor(i / 2) * 5 + 4] as number) === 1;
          const dear = fresh ? 0.8 : 0.3;
          return i % 2 === 1 ? dear : 1 - dear;
        }),
      );
    const row = transformRecord({ size: "2", color: "blue", fresh: "no" }, preprocessing);
    const result = await inputEffects(row, preprocessing, predict);
    expect(result.prediction).toEqual([expect.closeTo(0.7, 6), expect.closeTo(0.3, 6)]);
    const fresh = result.effects.find((e) => e.column === "fresh");
    expect(fresh?.change[1]).toBeCloseTo(-0.5, 6);
    expect(result.effects.find((e) => e.column === "size")?.change).toEqual([0, 0]);
    await expect(inputEffects(row.slice(1), preprocessing, predict)).rejects.toThrow(/5 features/);
  });
});
