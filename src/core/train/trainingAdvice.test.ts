import { describe, expect, it } from "vitest";
import { adviseOnTraining } from "./trainingAdvice";
import type { EpochMetrics } from "./types";

const epochs = (count: number, last: Partial<EpochMetrics> = {}): EpochMetrics[] =>
  Array.from({ length: count }, (_, i) => ({
    epoch: i + 1,
    loss: 1,
    metric: 0,
    valLoss: 1,
    valMetric: null,
    numTensors: 0,
    seconds: 0.1,
    ...(i === count - 1 ? last : {}),
  }));

describe("adviseOnTraining", () => {
  it("says nothing for a network that beats the linear model", () => {
    const advice = adviseOnTraining({
      history: epochs(50),
      outcome: { reason: "completed", bestEpoch: 50 },
      score: 0.6,
      linearScore: 0.5,
      baselineScore: 0,
    });
    expect(advice.worthSaying).toBe(false);
    expect(advice.moreEpochs).toBe(true);
  });

  it("asks for more epochs when validation was still improving at the last epochs", () => {
    const base = { score: 0.2, linearScore: 0.5, baselineScore: 0 };
    const still = adviseOnTraining({
      ...base,
      history: epochs(40),
      outcome: { reason: "completed", bestEpoch: 37 },
    });
    expect(still).toMatchObject({ moreEpochs: true, linearBetter: true, worthSaying: true });
    const early = adviseOnTraining({
      ...base,
      history: epochs(23),
      outcome: { reason: "early-stopped", bestEpoch: 3 },
    });
    expect(early.moreEpochs).toBe(false);
    const mid = adviseOnTraining({
      ...base,
      history: epochs(40),
      outcome: { reason: "completed", bestEpoch: 20 },
    });
    expect(mid.moreEpochs).toBe(false);
  });

  it("names a weight penalty that outweighs the data loss of a network that underfits", () => {
    // Training loss 5.35 of which 5.0 is the penalty: the data loss is 0.35, validation 0.33.
    const advice = adviseOnTraining({
      history: epochs(23, { loss: 5.35, penalty: 5, valLoss: 0.33 }),
      outcome: { reason: "early-stopped", bestEpoch: 3 },
      score: 0.21,
      linearScore: 0.49,
      baselineScore: 0,
    });
    expect(advice.penaltyDominates?.penalty).toBe(5);
    expect(advice.penaltyDominates?.dataLoss).toBeCloseTo(0.35, 12);
    const small = adviseOnTraining({
      history: epochs(23, { loss: 0.5, penalty: 0.1 }),
      outcome: { reason: "early-stopped", bestEpoch: 3 },
      score: 0.21,
      linearScore: 0.49,
      baselineScore: 0,
    });
    expect(small.penaltyDominates).toBeNull();
    // Fitting the training rows better than validation: less penalty would overfit more.
    const overfits = adviseOnTraining({
      history: epochs(23, { loss: 0.94, penalty: 0.7, valLoss: 0.33 }),
      outcome: { reason: "early-stopped", bestEpoch: 3 },
      score: 0.21,
      linearScore: 0.49,
      baselineScore: 0,
    });
    expect(overfits.penaltyDominates).toBeNull();
    // Still improving at the end: more epochs first, the penalty weighs heavily early on anyway.
    const early = adviseOnTraining({
      history: epochs(3, { loss: 3.05, penalty: 2.53, valLoss: 0.5 }),
      outcome: { reason: "completed", bestEpoch: 3 },
      score: 0.439,
      linearScore: 0.442,
      baselineScore: 0,
    });
    expect(early).toMatchObject({ moreEpochs: true, penaltyDominates: null });
  });

  it("speaks for a network no better than always giving the same answer, with no linear model", () => {
    const advice = adviseOnTraining({
      history: epochs(10),
      outcome: { reason: "completed", bestEpoch: 10 },
      score: -0.01,
      linearScore: null,
      baselineScore: 0,
    });
    expect(advice).toMatchObject({ worthSaying: true, linearBetter: false, moreEpochs: true });
  });
});
