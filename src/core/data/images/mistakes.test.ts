import { describe, expect, it } from "vitest";
import { imageExamples } from "./mistakes";

const actual = [0, 1, 1, 2, 0];
const predicted = [0, 2, 0, 2, 2];
// prettier-ignore
const probabilities = [
  0.9, 0.05, 0.05,
  0.1, 0.2, 0.7,
  0.6, 0.3, 0.1,
  0.1, 0.1, 0.8,
  0.2, 0.2, 0.6,
];

describe("imageExamples", () => {
  it("lists the mistakes, most confident first, with the confidence of the predicted class", () => {
    expect(imageExamples(actual, predicted, probabilities, 3, null)).toEqual([
      { testIndex: 1, actual: 1, predicted: 2, confidence: 0.7 },
      { testIndex: 2, actual: 1, predicted: 0, confidence: 0.6 },
      { testIndex: 4, actual: 0, predicted: 2, confidence: 0.6 },
    ]);
  });

  it("lists one confusion cell, diagonal cells included, up to the limit", () => {
    expect(imageExamples(actual, predicted, probabilities, 3, { actual: 2, predicted: 2 })).toEqual(
      [{ testIndex: 3, actual: 2, predicted: 2, confidence: 0.8 }],
    );
    expect(imageExamples(actual, predicted, probabilities, 3, null, 1)).toHaveLength(1);
  });
});
