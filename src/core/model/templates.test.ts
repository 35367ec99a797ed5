import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { dataFitProblems } from "./fit";
import { analyzeGraph } from "./graph";
import {
  defaultModelFor,
  SMALL_TABLE_ROWS,
  templateFallback,
  TEMPLATES,
  type DataShape,
} from "./templates";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

// The breast-cancer table: 30 numeric features, two classes; 30 is no square.
const thirtyFeatures: DataShape = { featureCount: 30, task: "classification", classCount: 2 };

describe("a template that does not suit the data offers one that does", () => {
  it("the picture CNN on 30 features says why and offers the 1-D CNN", () => {
    const cnn = TEMPLATES.find((t) => t.id === "cnn");
    expect(cnn?.build(thirtyFeatures)).toMatch(/30 features do not form a square image/);
    expect(templateFallback("cnn", thirtyFeatures)).toBe("cnn1d");
  });

  it("the 1-D CNN reads 30 features as a row of 30 values and builds as tf.js says", () => {
    const spec = TEMPLATES.find((t) => t.id === "cnn1d")?.build(thirtyFeatures);
    if (!spec || typeof spec === "string") throw new Error(String(spec));
    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(dataFitProblems(spec, analysis, thirtyFeatures)).toEqual([]);
    expect(analysis.nodes.reshape_1?.shape).toEqual([null, 30, 1]);
    expect(analysis.nodes.max_pooling1d_1?.shape).toEqual([null, 15, 16]);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(analysis.totalParams).toBe(model.countParams());
    model.dispose();
  });

  it("offers nothing when the chosen template fits", () => {
    expect(templateFallback("cnn", { ...thirtyFeatures, featureCount: 64 })).toBeNull();
    expect(templateFallback("mlp", thirtyFeatures)).toBeNull();
  });

  it("the 1-D CNN suits even a single feature", () => {
    const spec = TEMPLATES.find((t) => t.id === "cnn1d")?.build({
      ...thirtyFeatures,
      featureCount: 1,
    });
    if (!spec || typeof spec === "string") throw new Error(String(spec));
    expect(analyzeGraph(spec).problems).toEqual([]);
  });
});

describe("the proposed MLP sizes its weight penalty to the table", () => {
  // Measured in bench/defaults-vs-linear.bench.ts: with a few hundred rows an unpenalised network
  // memorises and loses to a linear model; 0.1 reaches it in 4 of 5 seeds on iris and diabetes.
  const penalties = (rows: number | undefined) =>
    defaultModelFor({ featureCount: 10, task: "regression", classCount: 0, rows })
      .nodes.filter((node) => node.type === "Dense" && node.id !== "output")
      .map((node) => node.params.l2);

  it("0.1 on each hidden layer below SMALL_TABLE_ROWS training rows", () => {
    expect(penalties(309)).toEqual([0.1, 0.1]);
    expect(penalties(SMALL_TABLE_ROWS - 1)).toEqual([0.1, 0.1]);
  });

  it("0.001 from SMALL_TABLE_ROWS rows on, and when the row count is unknown", () => {
    expect(penalties(SMALL_TABLE_ROWS)).toEqual([0.001, 0.001]);
    expect(penalties(undefined)).toEqual([0.001, 0.001]);
  });
});
