import { describe, expect, it } from "vitest";
import { describeEpochCurves, thinEvenly, withDataLoss } from "./curveSummary";
import type { EpochMetrics } from "./types";

const epoch = (n: number, loss: number, valLoss: number | null): EpochMetrics => ({
  epoch: n,
  loss,
  metric: 1 - loss,
  valLoss,
  valMetric: valLoss === null ? null : 1 - valLoss,
  numTensors: 10,
  seconds: 0.1,
});

describe("text alternatives for the training curves", () => {
  const history = [epoch(1, 1.2, 1.1), epoch(2, 0.8, 0.7), epoch(3, 0.5, 0.9)];

  it("says where the curves ended and where validation was best", () => {
    expect(describeEpochCurves(history, "loss", "loss", false)).toBe(
      "After 3 epochs, training loss 0.500, validation loss 0.900. Best validation loss: 0.700 at epoch 2.",
    );
    expect(describeEpochCurves(history, "metric", "accuracy", true)).toBe(
      "After 3 epochs, training accuracy 0.500, validation accuracy 0.100. Best validation accuracy: 0.300 at epoch 2.",
    );
  });

  it("leaves validation out when there is none, and says when nothing is there yet", () => {
    expect(describeEpochCurves([epoch(1, 0.4, null)], "loss", "loss", false)).toBe(
      "After 1 epoch, training loss 0.400.",
    );
    expect(describeEpochCurves([], "loss", "loss", false)).toBe("No loss yet.");
  });

  it("thins long histories evenly, keeping the first and last", () => {
    const many = Array.from({ length: 1000 }, (_, i) => i);
    const thinned = thinEvenly(many, 25);
    expect(thinned.length).toBeLessThanOrEqual(26);
    expect(thinned[0]).toBe(0);
    expect(thinned[thinned.length - 1]).toBe(999);
    expect(thinEvenly([1, 2], 25)).toEqual([1, 2]);
  });
});

describe("withDataLoss", () => {
  it("takes the weight penalty out of the training loss, and leaves runs without one alone", () => {
    const base = { metric: 0, valLoss: 0.33, valMetric: null, numTensors: 0, seconds: 1 };
    const history = [
      { ...base, epoch: 1, loss: 5.35, penalty: 4.9 },
      { ...base, epoch: 2, loss: 0.5 },
    ];
    const [first, second] = withDataLoss(history);
    expect(first?.loss).toBeCloseTo(0.45, 12);
    expect(second).toBe(history[1]);
  });
});
