import { bench, describe } from "vitest";
import { exportOnnxModel } from "../src/core/export/onnx/model";
import type { ModelSpec } from "../src/core/model/spec";
import type { StoredTensor } from "../src/core/train/types";

/** Input[1000] → Dense 1000 → Dense 10: 1,011,010 parameters. */
const spec: ModelSpec = {
  version: 1,
  inputs: ["input"],
  nodes: [
    { id: "input", type: "InputLayer", params: { shape: [1000] } },
    { id: "hidden", type: "Dense", params: { units: 1000 } },
    { id: "output", type: "Dense", params: { units: 10, activation: "softmax" } },
  ],
  edges: [
    { from: "input", to: "hidden", toIndex: 0 },
    { from: "hidden", to: "output", toIndex: 0 },
  ],
  outputs: ["output"],
};

const tensor = (name: string, shape: number[]): StoredTensor => ({
  name,
  shape,
  values: Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => Math.sin(i)),
});

const weights = [
  tensor("hidden/kernel", [1000, 1000]),
  tensor("hidden/bias", [1000]),
  tensor("output/kernel", [1000, 10]),
  tensor("output/bias", [10]),
];

describe("ONNX export (the issue asks under 2 s for 1 million parameters)", () => {
  bench("exportOnnxModel, 1,011,010 parameters", () => {
    exportOnnxModel(spec, weights);
  });
});
