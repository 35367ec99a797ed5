import { describe, expect, it } from "vitest";
import {
  classImbalance,
  classSplitCounts,
  describeImbalance,
  describeSmallClass,
  smallClasses,
} from "./classBalance";
import { splitIndices } from "./split";

describe("small classes", () => {
  it("finds a 2-row class that a 70/15/15 split cannot put in every split", () => {
    // 40 rows of a, 20 of b, 2 of rare.
    const labels = [...Array<number>(40).fill(0), ...Array<number>(20).fill(1), 2, 2];
    const split = splitIndices(
      labels,
      labels.length,
      { train: 0.7, validation: 0.15, test: 0.15 },
      42,
    );
    const counts = classSplitCounts(split, (row) => labels[row] ?? -1, 3);
    expect(counts).toEqual({ train: [28, 14, 2], validation: [6, 3, 0], test: [6, 3, 0] });
    expect(smallClasses(["a", "b", "rare"], counts)).toEqual([
      { className: "rare", rows: 2, missingFrom: ["validation", "test"] },
    ]);
  });

  it("keeps a 3-row class in every split, and ignores an empty validation split", () => {
    const labels = [...Array<number>(30).fill(0), 1, 1, 1];
    const fractions = { train: 0.7, validation: 0.15, test: 0.15 };
    const split = splitIndices(labels, labels.length, fractions, 7);
    expect(
      smallClasses(
        ["a", "b"],
        classSplitCounts(split, (r) => labels[r] ?? -1, 2),
      ),
    ).toEqual([]);
    const noValidation = splitIndices(
      labels,
      labels.length,
      { train: 0.8, validation: 0, test: 0.2 },
      7,
    );
    const counts = classSplitCounts(noValidation, (r) => labels[r] ?? -1, 2);
    expect(counts.validation).toEqual([0, 0]);
    expect(smallClasses(["a", "b"], counts)).toEqual([]);
  });

  it("describes what a missing split costs", () => {
    const text = describeSmallClass(
      { className: "rare", rows: 2, missingFrom: ["validation", "test"] },
      "kind",
    );
    expect(text).toBe(
      "“kind” = “rare” has only 2 rows, too few for every split: none in validation or test. The report cannot score it and counts it as 0 in the macro average. Add rows of it, merge it into another class, or leave it out.",
    );
    expect(describeSmallClass({ className: "x", rows: 1, missingFrom: ["train"] }, "y")).toMatch(
      /only 1 row, .* none in training\. The model cannot learn it\./,
    );
  });
});

describe("classImbalance", () => {
  it("names the largest and smallest class when one has 3× the other", () => {
    expect(classImbalance(["a", "b", "c"], [60, 10, 30])).toEqual({
      largest: { className: "a", count: 60 },
      smallest: { className: "b", count: 10 },
      ratio: 6,
    });
    expect(classImbalance(["a", "b"], [29, 10])).toBeNull();
    expect(classImbalance(["a", "b"], [30, 10])?.ratio).toBe(3);
    // An empty class is the small-class warning's business, not a ratio of infinity.
    expect(classImbalance(["a", "b", "c"], [30, 0, 20])).toBeNull();
    expect(classImbalance(["a"], [30])).toBeNull();
  });

  it("says it in a sentence", () => {
    const text = describeImbalance(
      {
        largest: { className: "cats", count: 300 },
        smallest: { className: "dogs", count: 20 },
        ratio: 15,
      },
      "images",
    );
    expect(text).toContain("“cats” has 300 images, “dogs” only 20 (15× fewer)");
  });
});
