import { describe, expect, it } from "vitest";
import {
  CLASSIFICATION_FOLD_METRICS,
  foldMetricsOf,
  REGRESSION_FOLD_METRICS,
} from "./crossValidation";
import { linearVerdict } from "./linearVerdict";
import { isBetter, isMetricId, METRICS, metricsOf, type MetricId } from "./metricTable";
import {
  classificationReport,
  explainMetric,
  metricExplanations,
  regressionReport,
} from "./metrics";

const classes = classificationReport([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 2], ["a", "b", "c"], [0]);
const numbers = regressionReport([1, 2, 3, 4], [1.5, 2, 2.5, 4.5], [1, 2, 3]);

describe("METRICS", () => {
  it("holds every data-metric the report's cells carry (DESIGN.md's test hooks)", () => {
    const hooks =
      "accuracy precision recall f1 support roc_auc average_precision log_loss mae mse rmse r2";
    expect(Object.keys(METRICS).sort()).toEqual(hooks.split(" ").sort());
  });

  it("gives each task's metrics a value in that task's report", () => {
    const perClass = classes.perClass[0] as unknown as Record<string, unknown>;
    for (const id of metricsOf("classification")) {
      if (["roc_auc", "average_precision", "log_loss"].includes(id)) continue; // kept scores
      const value = id === "accuracy" ? classes.accuracy : perClass[id];
      expect({ id, type: typeof value }).toEqual({ id, type: "number" });
    }
    for (const id of metricsOf("regression")) {
      expect({ id, type: typeof numbers[id as "mae"] }).toEqual({ id, type: "number" });
    }
    expect(metricsOf("regression")).toEqual(["mae", "mse", "rmse", "r2"]);
  });

  it("lists across folds only metrics of the table, of the right task", () => {
    for (const id of CLASSIFICATION_FOLD_METRICS)
      expect(METRICS[id].tasks).toContain("classification");
    for (const id of REGRESSION_FOLD_METRICS) expect(METRICS[id].tasks).toContain("regression");
    expect(Object.keys(foldMetricsOf(numbers)).sort()).toEqual([...REGRESSION_FOLD_METRICS].sort());
    expect(isMetricId("r2")).toBe(true);
    expect(isMetricId("toString")).toBe(false);
  });

  it("explains each metric with the table's words, pictures in place of rows where asked", () => {
    for (const id of Object.keys(METRICS) as MetricId[]) {
      expect(metricExplanations[id]).toBe(METRICS[id].explanation);
    }
    expect(explainMetric("support", "picture")).toBe(
      "How many test pictures really belong to this class.",
    );
  });

  it("knows which way is better, and the linear verdict follows it", () => {
    expect(isBetter("mae", 0.1, 0.2)).toBe(true);
    expect(isBetter("r2", 0.1, 0.2)).toBe(false);
    expect(isBetter("support", 5, 3)).toBe(false);
    const worse = regressionReport([1, 2, 3, 4], [2, 1, 4, 3], [1, 2, 3]);
    const verdict = linearVerdict(worse, numbers);
    expect(verdict?.metric).toBe("r2");
    expect(verdict?.linearWins).toBe(true);
    expect(verdict?.sentence).toContain(`${METRICS.r2.label}, better than the network's`);
  });
});
