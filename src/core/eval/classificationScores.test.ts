import { describe, expect, it } from "vitest";
import { classificationScores, keptScores } from "./classificationScores";

/** Three classes, `rows` test rows with spread-out probabilities (deterministic). */
function threeClasses(rows: number) {
  const labels: number[] = [];
  const probabilities: number[] = [];
  for (let i = 0; i < rows; i++) {
    const label = i % 3;
    labels.push(label);
    const sure = 0.2 + 0.6 * (((i * 7919) % 101) / 100);
    const rest = (1 - sure) / 2;
    probabilities.push(...[0, 1, 2].map((c) => (c === label ? sure : rest)));
  }
  return { labels, probabilities };
}

describe("keptScores", () => {
  it("keeps every score exactly and small curves whole, without their thresholds", () => {
    const { labels, probabilities } = threeClasses(30);
    const scores = classificationScores(labels, probabilities, 3)!;
    const kept = keptScores(scores);
    expect(kept.logLoss).toBe(scores.logLoss);
    expect(kept.curves.rocAuc).toEqual(scores.curves.rocAuc);
    expect(kept.curves.averagePrecision).toEqual(scores.curves.averagePrecision);
    expect(kept.calibration).toEqual(scores.calibration);
    kept.curves.perClass.forEach((c, i) => {
      const full = scores.curves.perClass[i]!;
      expect(c.rocAuc).toBe(full.rocAuc);
      expect(c.averagePrecision).toBe(full.averagePrecision);
      expect(c.roc).toEqual({ fpr: full.roc!.fpr, tpr: full.roc!.tpr });
      expect(c.pr).toEqual({ precision: full.pr!.precision, recall: full.pr!.recall });
      expect(c).not.toHaveProperty("roc.thresholds");
    });
    // Plain data: what a link's JSON carries comes back the same.
    expect(JSON.parse(JSON.stringify(kept))).toEqual(kept);
  });

  it("thins long curves evenly to the cap, keeping both ends and the pairs together", () => {
    const { labels, probabilities } = threeClasses(3000);
    const scores = classificationScores(labels, probabilities, 3)!;
    const full = scores.curves.perClass[0]!.roc!;
    expect(full.fpr.length).toBeGreaterThan(50);
    const kept = keptScores(scores, 20).curves.perClass[0]!.roc!;
    expect(kept.fpr.length).toBeLessThanOrEqual(20);
    expect(kept.fpr.length).toBeGreaterThan(10);
    expect(kept.fpr[0]).toBe(full.fpr[0]);
    expect(kept.fpr.at(-1)).toBe(full.fpr.at(-1));
    expect(kept.tpr.at(-1)).toBe(full.tpr.at(-1));
    // Each kept point is a point of the full curve.
    kept.fpr.forEach((x, j) => {
      const i = full.fpr.findIndex((f, k) => f === x && full.tpr[k] === kept.tpr[j]);
      expect(i).toBeGreaterThanOrEqual(0);
    });
    // The scores are still those of the whole curve.
    expect(keptScores(scores, 20).curves.perClass[0]!.rocAuc).toBe(
      scores.curves.perClass[0]!.rocAuc,
    );
  });
});
