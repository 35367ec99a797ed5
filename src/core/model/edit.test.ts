import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import {
  addLayer,
  connect,
  disconnect,
  duplicateLayer,
  reconnect,
  removeLayers,
  withDerivedEnds,
} from "./edit";
import { dataFitProblems, fitHeadToData, fitInputsToData } from "./fit";
import { analyzeGraph } from "./graph";
import { autoLayout } from "./layout";
import type { ModelSpec } from "./spec";
import { defaultModelFor, TEMPLATES, type DataShape } from "./templates";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const digits: DataShape = { featureCount: 64, task: "classification", classCount: 10 };
const empty: ModelSpec = { version: 1, inputs: [], nodes: [], edges: [], outputs: [] };

/** Builds a chain by adding each type after the previous one, as clicking the palette does. */
function chainOf(...types: Parameters<typeof addLayer>[1][]): ModelSpec {
  let spec = empty;
  let last: string | null = null;
  for (const type of types) {
    const added = addLayer(spec, type, { after: last });
    spec = added.spec;
    last = added.id;
  }
  return spec;
}

/** The spec with one more edge, past connect()'s rule: a cycle as a damaged file might hold it. */
function withBackEdge(spec: ModelSpec, from: string, to: string): ModelSpec {
  const toIndex = spec.edges.filter((edge) => edge.to === to).length;
  return { ...spec, edges: [...spec.edges, { from, to, toIndex }] };
}

describe("editing a spec", () => {
  it("builds the digits CNN layer by layer, with derived ends and tf.js-equal shapes", () => {
    let spec = chainOf("InputLayer", "Reshape", "Conv2D", "MaxPooling2D", "Flatten", "Dense");
    spec = fitInputsToData(spec, 64);
    const reshape = spec.nodes.find((n) => n.type === "Reshape");
    spec = {
      ...spec,
      nodes: spec.nodes.map((n) =>
        n === reshape ? { ...n, params: { ...n.params, targetShape: [8, 8, 1] } } : n,
      ),
    };
    expect(spec.inputs).toEqual(["input_1"]);
    expect(spec.outputs).toEqual(["dense_1"]);
    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(dataFitProblems(spec, analysis, digits).map((p) => p.fixable)).toEqual([true]);
    const fixed = fitHeadToData(spec, analysis, digits);
    const fixedAnalysis = analyzeGraph(fixed);
    expect(dataFitProblems(fixed, fixedAnalysis, digits)).toEqual([]);
    const model = buildModel(tf, fixed, { seed: 1 });
    expect(fixedAnalysis.totalParams).toBe(model.countParams());
    expect(fixedAnalysis.nodes.dense_1?.shape).toEqual([null, 10]);
    model.dispose();
  });

  it("inserts after a node in the middle of a chain and bridges when removing", () => {
    const spec = chainOf("InputLayer", "Dense", "Dense");
    const inserted = addLayer(spec, "Dropout", { after: "dense_1" });
    expect(inserted.spec.edges).toEqual(
      expect.arrayContaining([
        { from: "dense_1", to: inserted.id, toIndex: 0 },
        { from: inserted.id, to: "dense_2", toIndex: 0 },
      ]),
    );
    expect(inserted.spec.edges.some((e) => e.from === "dense_1" && e.to === "dense_2")).toBe(false);
    const removed = removeLayers(inserted.spec, [inserted.id]);
    expect(removed.edges).toEqual(spec.edges);
    expect(removed.outputs).toEqual(["dense_2"]);
  });

  it("makes an error appear when a wrong layer is inserted and vanish when it is removed", () => {
    let spec = fitInputsToData(chainOf("InputLayer", "Dense", "Dense"), 64);
    const wrong = addLayer(spec, "Conv2D", { after: "dense_1" });
    const analysis = analyzeGraph(wrong.spec);
    expect(analysis.nodes[wrong.id]?.error).toMatch(
      /Conv2D needs an input of height × width × channels/,
    );
    expect(analysis.nodes.dense_2?.unknown).toBe(true);
    spec = removeLayers(wrong.spec, [wrong.id]);
    expect(analyzeGraph(spec).problems).toEqual([]);
  });

  it("orders merge inputs and keeps indices dense when one is removed", () => {
    let spec = chainOf("InputLayer", "Dense");
    spec = connect(addLayer(spec, "Dense").spec, "input_1", "dense_2");
    spec = addLayer(spec, "Concatenate").spec;
    spec = connect(spec, "dense_1", "concatenate_1");
    spec = connect(spec, "dense_2", "concatenate_1");
    spec = connect(spec, "dense_2", "concatenate_1");
    expect(spec.edges.filter((e) => e.to === "concatenate_1")).toEqual([
      { from: "dense_1", to: "concatenate_1", toIndex: 0 },
      { from: "dense_2", to: "concatenate_1", toIndex: 1 },
    ]);
    expect(spec.outputs).toEqual(["concatenate_1"]);
    expect(analyzeGraph(spec).nodes.concatenate_1?.shape).toEqual([null, 64]);
    const without = disconnect(spec, "dense_1", "concatenate_1");
    expect(without.edges.filter((e) => e.to === "concatenate_1")).toEqual([
      { from: "dense_2", to: "concatenate_1", toIndex: 0 },
    ]);
    expect(without.outputs).toEqual(["dense_1", "concatenate_1"]);
    const moved = reconnect(
      spec,
      { from: "dense_1", to: "concatenate_1" },
      { from: "input_1", to: "concatenate_1" },
    );
    expect(moved.edges.some((e) => e.from === "input_1" && e.to === "concatenate_1")).toBe(true);
  });

  it("refuses self-loops and inputs into an InputLayer, and reports a cycle it is given", () => {
    const spec = chainOf("InputLayer", "Dense", "Dense");
    expect(connect(spec, "dense_1", "dense_1")).toBe(spec);
    expect(connect(spec, "dense_1", "input_1")).toBe(spec);
    // dense_1's one input is taken, so connect() refuses; a spec read from a file may still hold it.
    expect(connect(spec, "dense_2", "dense_1")).toBe(spec);
    const cyclic = withBackEdge(spec, "dense_2", "dense_1");
    expect(analyzeGraph(cyclic).nodes.dense_1?.error).toMatch(/cycle/);
  });

  it("duplicates a layer with its parameters, unconnected", () => {
    const spec = chainOf("InputLayer", "Dense");
    const copy = duplicateLayer(spec, "dense_1");
    expect(copy?.spec.nodes.find((n) => n.id === copy.id)?.params).toEqual(
      spec.nodes.find((n) => n.id === "dense_1")?.params,
    );
    expect(copy?.spec.edges).toEqual(spec.edges);
    expect(analyzeGraph(copy?.spec ?? empty).nodes[copy?.id ?? ""]?.error).toMatch(
      /not connected to the input/,
    );
  });

  it("says what is wrong with the model's ends", () => {
    const lone = chainOf("InputLayer");
    expect(lone.outputs).toEqual([]);
    expect(analyzeGraph(lone).problems.map((p) => p.message)).toEqual([
      "The model has no output yet: add layers after the Input, ending in the layer that gives the prediction.",
    ]);
    const none = withDerivedEnds(chainOf("Dense"));
    expect(dataFitProblems(none, analyzeGraph(none), digits)[0]?.message).toMatch(/no Input layer/);
    const two = addLayer(chainOf("InputLayer", "Dense"), "InputLayer").spec;
    expect(dataFitProblems(two, analyzeGraph(two), digits)[0]?.message).toMatch(/2 Input layers/);
    const branches = connect(
      addLayer(chainOf("InputLayer", "Dense"), "Dense").spec,
      "input_1",
      "dense_2",
    );
    expect(branches.outputs).toEqual(["dense_1", "dense_2"]);
    const several = dataFitProblems(branches, analyzeGraph(branches), digits).filter((p) =>
      p.message.startsWith("Several layers end"),
    );
    expect(several.map((p) => p.nodeId)).toEqual(["dense_1", "dense_2"]);
  });
});

describe("what the canvas must get right", () => {
  const mlp = () => fitInputsToData(chainOf("InputLayer", "Dense", "Dense", "Dense"), 4);

  it("blames only the layers in a cycle; those after it are unknown", () => {
    const spec = withBackEdge(mlp(), "dense_2", "dense_1");
    const analysis = analyzeGraph(spec);
    expect(analysis.nodes.dense_1?.error).toMatch(/cycle/);
    expect(analysis.nodes.dense_2?.error).toMatch(/cycle/);
    expect(analysis.nodes.dense_3?.error).toBeUndefined();
    expect(analysis.nodes.dense_3?.unknown).toBe(true);
    expect(analysis.problems[0]?.message).toMatch(/cycle/);
  });

  it("blames a broken link where it breaks; the layers after it are unknown", () => {
    const spec = disconnect(mlp(), "input_1", "dense_1");
    const analysis = analyzeGraph(spec);
    expect(analysis.nodes.dense_1?.error).toMatch(/not connected to the input/);
    expect(analysis.nodes.dense_2?.error).toBeUndefined();
    expect(analysis.nodes.dense_2?.unknown).toBe(true);
    expect(analysis.nodes.dense_3?.unknown).toBe(true);
  });

  it("never doubles a connection when bridging over deleted layers", () => {
    const residual = TEMPLATES.find((t) => t.id === "residual")?.build(digits);
    if (typeof residual !== "object" || !residual) throw new Error("no residual template");
    const spec = removeLayers(residual, ["dense_2", "dense_3"]);
    const intoAdd = spec.edges.filter((e) => e.to === "add_1");
    expect(intoAdd).toEqual([{ from: "dense_1", to: "add_1", toIndex: 1 }]);
    expect(analyzeGraph(spec).nodes.add_1?.error).toMatch(
      /Add takes 2 to 8 input\(s\) but has 1\. Connect another layer/,
    );
  });

  it("keeps an input's position when its source moves", () => {
    let spec = connect(
      addLayer(chainOf("InputLayer", "Dense"), "Dense").spec,
      "input_1",
      "dense_2",
    );
    spec = addLayer(spec, "Concatenate").spec;
    spec = connect(connect(spec, "dense_1", "concatenate_1"), "dense_2", "concatenate_1");
    const moved = reconnect(
      spec,
      { from: "dense_1", to: "concatenate_1" },
      { from: "input_1", to: "concatenate_1" },
    );
    expect(moved.edges.filter((e) => e.to === "concatenate_1")).toEqual([
      { from: "input_1", to: "concatenate_1", toIndex: 0 },
      { from: "dense_2", to: "concatenate_1", toIndex: 1 },
    ]);
  });

  it("flags an Input that does not take one row of the data, and the fix restores it", () => {
    let spec = mlp();
    spec = {
      ...spec,
      nodes: spec.nodes.map((n) =>
        n.type === "InputLayer" ? { ...n, params: { ...n.params, shape: [2, 2] } } : n,
      ),
    };
    const data: DataShape = { featureCount: 4, task: "classification", classCount: 3 };
    const problems = dataFitProblems(spec, analyzeGraph(spec), data);
    expect(problems[0]).toMatchObject({ nodeId: "input_1", fixable: true });
    expect(problems[0]?.message).toMatch(/4 features, but this Input takes \[2,2\]/);
    const fixed = fitHeadToData(spec, analyzeGraph(spec), data);
    expect(dataFitProblems(fixed, analyzeGraph(fixed), data)).toEqual([]);
  });
});

describe("templates", () => {
  for (const template of TEMPLATES) {
    for (const data of [
      digits,
      { featureCount: 10, task: "regression" as const, classCount: 0 },
      { featureCount: 4, task: "classification" as const, classCount: 3 },
    ]) {
      it(`${template.id} for ${data.featureCount} features (${data.task})`, () => {
        const spec = template.build(data);
        if (typeof spec === "string") {
          expect(template.id).toBe("cnn");
          expect(spec).toMatch(/do not form a square/);
          return;
        }
        const analysis = analyzeGraph(spec);
        expect(analysis.problems).toEqual([]);
        expect(dataFitProblems(spec, analysis, data)).toEqual([]);
        expect(withDerivedEnds(spec)).toEqual(spec);
        const model = buildModel(tf, spec, { seed: 1 });
        expect(analysis.totalParams).toBe(model.countParams());
        for (const layer of model.layers) {
          if (analysis.nodes[layer.name])
            expect(analysis.nodes[layer.name]?.shape, layer.name).toEqual(layer.outputShape);
        }
        model.dispose();
      });
    }
  }

  it("the default model fits the data and lays out top to bottom", () => {
    const spec = defaultModelFor(digits);
    const layout = autoLayout(spec);
    const ys = spec.nodes.map((n) => layout[n.id]?.y ?? NaN);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(new Set(ys).size).toBe(spec.nodes.length);
  });
});
