import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { analyzeGraph } from "./graph";
import { migrateModelSpec, MODEL_SPEC_VERSION, type ModelSpec } from "./spec";
import { DEFAULT_MLP, mlpSpec, type MlpSettings } from "./templates";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

function tfOutputShape(model: tf.LayersModel): Array<number | null> {
  const shape = model.outputs[0]?.shape;
  if (!shape) throw new Error("model has no output");
  return shape;
}

const variants: Array<{ name: string; settings: MlpSettings }> = [
  { name: "default", settings: DEFAULT_MLP },
  { name: "no hidden layers", settings: { hidden: [], batchNorm: false } },
  {
    name: "batch norm and dropout",
    settings: {
      hidden: [
        { units: 64, activation: "elu", dropout: 0.3 },
        { units: 8, activation: "tanh", dropout: 0 },
      ],
      batchNorm: true,
    },
  },
  {
    name: "gelu and selu",
    settings: {
      hidden: [
        { units: 5, activation: "gelu", dropout: 0.1 },
        { units: 3, activation: "selu", dropout: 0 },
      ],
      batchNorm: false,
    },
  },
];

describe("shape inference and parameter counts agree with tf.js", () => {
  for (const { name, settings } of variants) {
    for (const data of [
      { featureCount: 4, task: "classification" as const, classCount: 3 },
      { featureCount: 10, task: "regression" as const, classCount: 0 },
    ]) {
      it(`${name}, ${data.task}`, () => {
        const spec = mlpSpec(settings, data);
        const analysis = analyzeGraph(spec);
        expect(analysis.problems).toEqual([]);
        const model = buildModel(tf, spec, { seed: 1 });
        expect(analysis.totalParams).toBe(model.countParams());
        const trainable = model.trainableWeights.reduce(
          (sum, w) => sum + w.shape.reduce((a, b) => (a ?? 1) * (b ?? 1), 1)!,
          0,
        );
        expect(analysis.trainableParams).toBe(trainable);
        expect(analysis.nodes.output?.shape).toEqual(tfOutputShape(model));
        for (const layer of model.layers) {
          const inferred = analysis.nodes[layer.name]?.shape;
          expect(inferred, layer.name).toEqual(layer.outputShape);
        }
        model.dispose();
      });
    }
  }
});

describe("graph problems", () => {
  const base = () =>
    mlpSpec(DEFAULT_MLP, { featureCount: 4, task: "classification", classCount: 3 });

  it("reports a cycle on the layers in it", () => {
    const spec = base();
    spec.edges.push({ from: "dense_2", to: "dense_1", toIndex: 1 });
    const analysis = analyzeGraph(spec);
    expect(analysis.isValid).toBe(false);
    expect(analysis.nodes.dense_1?.error).toMatch(/cycle/);
    expect(analysis.nodes.dense_2?.error).toMatch(/cycle/);
  });

  it("reports a disconnected layer", () => {
    const spec = base();
    spec.nodes.push({
      id: "stray",
      type: "Dense",
      params: { units: 3, activation: "relu", useBias: true },
    });
    const analysis = analyzeGraph(spec);
    expect(analysis.nodes.stray?.error).toMatch(/not connected to the input/);
    expect(analysis.nodes.output?.shape).toEqual([null, 3]);
  });

  it("reports a missing output", () => {
    const spec = { ...base(), outputs: [] };
    expect(
      analyzeGraph(spec)
        .problems.map((p) => p.message)
        .join(" "),
    ).toMatch(/no output/);
  });

  it("reports bad parameters on the node and marks downstream nodes unknown", () => {
    const spec = base();
    const dense = spec.nodes.find((n) => n.id === "dense_1");
    if (!dense) throw new Error("no dense_1");
    dense.params.units = 0;
    const analysis = analyzeGraph(spec);
    expect(analysis.nodes.dense_1?.error).toMatch(/at least 1/);
    expect(analysis.nodes.dense_2?.unknown).toBe(true);
    expect(analysis.nodes.dense_2?.error).toBeUndefined();
  });
});

describe("spec validation", () => {
  it("accepts a valid spec and rejects a malformed one with a message", () => {
    const spec: ModelSpec = mlpSpec(DEFAULT_MLP, {
      featureCount: 2,
      task: "regression",
      classCount: 0,
    });
    expect(migrateModelSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
    expect(() =>
      migrateModelSpec({ ...spec, nodes: [{ id: "x", type: "Nope", params: {} }] }),
    ).toThrow(/not valid: nodes\.0\.type/);
    expect(() => migrateModelSpec({ ...spec, version: 9 })).toThrow(/version 9/);
  });

  it("reads through the shared migration runner: newer and missing versions say what to do", () => {
    const spec = mlpSpec(DEFAULT_MLP, { featureCount: 2, task: "regression", classCount: 0 });
    expect(spec.version).toBe(MODEL_SPEC_VERSION);
    expect(() => migrateModelSpec({ ...spec, version: MODEL_SPEC_VERSION + 1 })).toThrow(
      /newer version of the studio \(model format version 2; this studio reads up to 1\)/,
    );
    const { version, ...unversioned } = spec;
    void version;
    expect(() => migrateModelSpec(unversioned)).toThrow(/its version is missing/);
  });
});
