import * as tf from "@tensorflow/tfjs";
import { onnx } from "onnx-proto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEMPLATES } from "../../model/templates";
import { batchedValueInfo, exportOnnxModel, onnxGraphParts, OnnxExportError } from "./model";
import {
  CASES,
  layerCase,
  MODELS,
  type ExportCase,
} from "../../../../tests/support/onnxModelCases";
import { checkOnnxFiles, compareWithTfjs } from "../../../../tests/support/onnxTestHarness";

/**
 * The acceptance for the ONNX writer: for every catalog layer (in small models, several
 * parameter variants) and every template, ONNX Runtime's output equals tf.js predict within 1e-4,
 * and every exported file passes onnx.checker with full_check.
 */

const TOLERANCE = 1e-4;

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const exported: Array<{ name: string; bytes: Uint8Array }> = [];
let largestError = 0;

async function expectSameOutputs(exportCase: ExportCase): Promise<void> {
  const { maxAbsError, onnxBytes } = await compareWithTfjs(tf, exportCase.spec, exportCase.options);
  exported.push({ name: exportCase.name, bytes: onnxBytes });
  largestError = Math.max(largestError, maxAbsError);
  expect(maxAbsError).toBeLessThan(TOLERANCE);
}

afterAll(() => {
  console.log(`ONNX vs tf.js: ${exported.length} models, largest abs difference ${largestError}`);
});

describe("ONNX Runtime equals tf.js predict", () => {
  for (const [type, cases] of Object.entries(CASES)) {
    describe(type, () => {
      for (const exportCase of cases) it(exportCase.name, () => expectSameOutputs(exportCase));
    });
  }

  describe("models", () => {
    for (const model of MODELS) it(model.name, () => expectSameOutputs(model));
  });

  describe("templates", () => {
    const data = [
      { featureCount: 16, task: "classification" as const, classCount: 3 },
      { featureCount: 5, task: "regression" as const, classCount: 0 },
    ];
    for (const template of TEMPLATES) {
      for (const shape of data) {
        const spec = template.build(shape);
        if (typeof spec === "string") continue;
        const name = `${template.id} ${shape.featureCount} features ${shape.task}`;
        it(name, () => expectSameOutputs({ name, spec }));
      }
    }
  });
});

describe("the exported files", () => {
  it("pass onnx.checker.check_model(full_check=True)", () => {
    expect(exported.length).toBeGreaterThan(20);
    const { ok, report } = checkOnnxFiles(exported);
    expect(report).not.toMatch(/FAIL/);
    expect(ok, report).toBe(true);
    expect(report.match(/^ok /gm)?.length).toBe(exported.length);
  });

  it("and the checker does fail a broken file", () => {
    const broken = onnx.ModelProto.encode({
      irVersion: 8,
      opsetImport: [{ domain: "", version: 17 }],
      graph: {
        name: "broken",
        node: [{ opType: "MatMul", input: ["x", "missing"], output: ["y"] }],
        input: [batchedValueInfo("x", [3])],
        output: [batchedValueInfo("y", [3])],
      },
    }).finish();
    const { ok, report } = checkOnnxFiles([{ name: "broken", bytes: broken }]);
    expect(ok).toBe(false);
    expect(report).toMatch(/FAIL .*broken/);
  });

  it("declare opset 17, IR version 8, a symbolic batch and the spec's input and output names", () => {
    const spec = TEMPLATES[0]?.build({ featureCount: 4, task: "classification", classCount: 3 });
    if (typeof spec !== "object") throw new Error("no mlp");
    const weights = [
      { name: "dense_1/kernel", shape: [4, 32], values: new Float32Array(128) },
      { name: "dense_1/bias", shape: [32], values: new Float32Array(32) },
      { name: "dense_2/kernel", shape: [32, 16], values: new Float32Array(512) },
      { name: "dense_2/bias", shape: [16], values: new Float32Array(16) },
      { name: "output/kernel", shape: [16, 3], values: new Float32Array(48) },
      { name: "output/bias", shape: [3], values: new Float32Array(3) },
    ];
    const model = onnx.ModelProto.decode(exportOnnxModel(spec, weights, { graphName: "iris" }));
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([["", 17]]);
    expect(model.graph?.name).toBe("iris");
    const dimsOf = (value: onnx.IValueInfoProto) =>
      value.type?.tensorType?.shape?.dim?.map((d) => d.dimParam || Number(d.dimValue));
    expect(model.graph?.input?.map((i) => [i.name, dimsOf(i)])).toEqual([["input", ["batch", 4]]]);
    expect(model.graph?.output?.map((o) => [o.name, dimsOf(o)])).toEqual([
      ["output", ["batch", 3]],
    ]);

    const parts = onnxGraphParts(spec, weights, { prefix: "model/" });
    expect(parts.inputs).toEqual([{ name: "model/input", shape: [4] }]);
    expect(parts.outputs).toEqual([{ name: "model/output", shape: [3] }]);
    const names = [
      ...parts.nodes.flatMap((n) => [...(n.output ?? []), n.name ?? ""]),
      ...parts.initializers.map((t) => t.name ?? ""),
    ];
    expect(names.every((name) => name.startsWith("model/"))).toBe(true);
  });
});

describe("what cannot be exported is named", () => {
  const dense = layerCase("Dense", { units: 2 }, "3");

  it("weights that do not belong to the model", () => {
    const wrong = [{ name: "layer/kernel", shape: [2, 2], values: new Float32Array(4) }];
    expect(() => exportOnnxModel(dense.spec, wrong)).toThrow(OnnxExportError);
    expect(() => exportOnnxModel(dense.spec, wrong)).toThrow(
      /“layer\/kernel” has shape \[2,2\] but the model needs \[3,2\]/,
    );
    const extra = [
      { name: "layer/kernel", shape: [3, 2], values: new Float32Array(6) },
      { name: "layer/bias", shape: [2], values: new Float32Array(2) },
      { name: "other/kernel", shape: [1], values: new Float32Array(1) },
    ];
    expect(() => exportOnnxModel(dense.spec, extra)).toThrow(/other\/kernel is not used/);
  });

  it("a parameter value the writer does not know, naming the layer", () => {
    const spec = layerCase("Activation", { activation: "mish" }, "3").spec;
    let error: unknown;
    try {
      exportOnnxModel(spec, []);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(OnnxExportError);
    expect((error as OnnxExportError).layers).toEqual(["layer"]);
    expect((error as OnnxExportError).message).toMatch(/layer/);
  });
});
