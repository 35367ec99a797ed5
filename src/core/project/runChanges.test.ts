import { describe, expect, it } from "vitest";
import { defaultModelFor } from "../model/templates";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import type { ProjectRun } from "./project";
import { mainMetrics, runChanges } from "./runChanges";

const spec = defaultModelFor({ featureCount: 4, task: "classification", classCount: 3 });
const run: ProjectRun = {
  id: "run-1",
  startedAt: "2026-11-29T20:00:00.000Z",
  config: DEFAULT_TRAIN_CONFIG,
  spec,
  layout: {},
  data: {
    columnSettings: [
      {
        name: "a",
        type: "numeric",
        use: true,
        impute: "mean",
        imputeConstant: "",
        scaling: "standardize",
      },
    ],
    target: "species",
    task: "classification",
    split: { train: 0.7, validation: 0.15, test: 0.15 },
  },
  history: [],
  report: {
    kind: "classification",
    classNames: ["a", "b"],
    accuracy: 0.9,
    perClass: [],
    macro: { precision: 0.8, recall: 0.8, f1: 0.85, support: 10 },
    weighted: { precision: 0.8, recall: 0.8, f1: 0.8, support: 10 },
    confusion: [],
    baselineAccuracy: 0.5,
    baselineClass: "a",
    testSize: 10,
  },
  evaluation: null,
  backend: "cpu",
  seconds: 1,
};

describe("runChanges", () => {
  it("is empty for the same choices", () => {
    expect(runChanges(run, structuredClone(run))).toEqual([]);
  });

  it("names the linear model taken in place of the network", () => {
    const model = { linearFit: { method: "logistic", penalty: 1 } } as ProjectRun["model"];
    expect(runChanges(run, { ...run, model })).toEqual([
      "the linear model (logistic regression) instead of the network",
    ]);
  });

  it("names changed settings, layer parameters and columns", () => {
    const dense = spec.nodes.find((node) => node.type === "Dense");
    if (!dense) throw new Error("no dense layer");
    const next: ProjectRun = {
      ...run,
      config: { ...run.config, epochs: 5, learningRate: 0.05 },
      spec: {
        ...spec,
        nodes: spec.nodes.map((n) =>
          n === dense ? { ...n, params: { ...n.params, units: 99 } } : n,
        ),
      },
      data: {
        ...run.data,
        columnSettings: run.data.columnSettings.map((s) => ({ ...s, scaling: "minmax" as const })),
      },
    };
    expect(runChanges(run, next)).toEqual([
      `learning rate ${run.config.learningRate} → 0.05`,
      `epochs ${run.config.epochs} → 5`,
      `${dense.id}.units ${String(dense.params.units)} → 99`,
      "columns: a",
    ]);
  });
});

describe("mainMetrics", () => {
  it("gives accuracy and macro F1 for classification", () => {
    expect(mainMetrics(run)).toEqual([
      { metric: "accuracy", label: "Accuracy", value: 0.9 },
      { metric: "f1", label: "F1 (macro)", value: 0.85 },
    ]);
  });
});
