import { describe, expect, it } from "vitest";
import { decideClasses } from "../eval/threshold";
import type { Preprocessing } from "../data/types";
import { interpretOutputs } from "./interpret";

const binary: Preprocessing = {
  version: 1,
  task: "classification",
  inputs: [],
  featureNames: [],
  label: { kind: "classes", column: "outcome", classNames: ["no", "yes"] },
};

describe("decideClasses", () => {
  const outputs = Float32Array.from([0.7, 0.3, 0.6, 0.4, 0.5, 0.5, 0.2, 0.8]);

  it("takes the most probable class without a threshold (ties to the first)", () => {
    expect(decideClasses(outputs, 2)).toEqual([0, 0, 0, 1]);
  });

  it("calls the second class from its probability at the threshold up", () => {
    expect(decideClasses(outputs, 2, 0.35)).toEqual([0, 1, 1, 1]);
    expect(decideClasses(outputs, 2, 0.4)).toEqual([0, 1, 1, 1]);
    expect(decideClasses(outputs, 2, 0.5)).toEqual([0, 0, 1, 1]);
    expect(decideClasses(outputs, 2, 0.9)).toEqual([0, 0, 0, 0]);
  });

  it("ignores a threshold for more than two classes", () => {
    expect(decideClasses([0.2, 0.3, 0.5, 0.6, 0.3, 0.1], 3, 0.25)).toEqual([2, 0]);
  });
});

describe("interpretOutputs with the model's decision threshold", () => {
  it("answers the positive class at p ≥ 0.35 and keeps the probabilities", () => {
    const outputs = Float32Array.from([0.62, 0.38, 0.9, 0.1]);
    const plain = interpretOutputs(outputs, 2, binary, ["no", "yes"]);
    const chosen = interpretOutputs(outputs, 2, binary, ["no", "yes"], 0.35);
    expect(plain.map((p) => p.kind === "classification" && p.predicted)).toEqual(["no", "no"]);
    expect(chosen.map((p) => p.kind === "classification" && p.predicted)).toEqual(["yes", "no"]);
    expect(chosen[0]).toMatchObject({
      probabilities: [
        { className: "no", probability: Math.fround(0.62) },
        { className: "yes", probability: Math.fround(0.38) },
      ],
    });
  });
});
