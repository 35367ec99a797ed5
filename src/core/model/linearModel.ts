/**
 * The report's linear baseline as a model like any other: Input → Dense (softmax over the classes,
 * or one linear unit) holding the fitted coefficients, so try-it, export, ONNX, links, projects and
 * the server serve it as they serve a network.
 */
import type { LinearBaseline } from "../eval/linearBaseline";
import type { StoredTensor } from "../train/types";
import { defaultParams } from "./catalog";
import { MODEL_SPEC_VERSION, type ModelSpec } from "./spec";
import { INPUT_ID, OUTPUT_ID } from "./templates";

/**
 * The bias of a class the training rows never had: its softmax probability is exactly 0 in float32
 * and float64, as the fitted model gives it (a finite number, so JSON, tf.js and ONNX carry it).
 */
export const ABSENT_CLASS_BIAS = -1e9;

/** The spec Input[features] → Dense(units, activation), named as the studio's templates name them. */
export function linearModelSpec(features: number, units: number, softmax: boolean): ModelSpec {
  return {
    version: MODEL_SPEC_VERSION,
    inputs: [INPUT_ID],
    nodes: [
      {
        id: INPUT_ID,
        type: "InputLayer",
        params: { ...defaultParams("InputLayer"), shape: [Math.max(1, features)] },
      },
      {
        id: OUTPUT_ID,
        type: "Dense",
        params: {
          ...defaultParams("Dense"),
          units,
          activation: softmax ? "softmax" : "linear",
          useBias: true,
        },
      },
    ],
    edges: [{ from: INPUT_ID, to: OUTPUT_ID, toIndex: 0 }],
    outputs: [OUTPUT_ID],
  };
}

/**
 * The fitted linear model as a spec and its weights (kernel [features, units], bias [units], in
 * `model.weights` order): its outputs equal `predictLinearBaseline` up to float32 rounding.
 * Ridge: one linear unit, prediction = bias + x·kernel (standardized target). Logistic: softmax over
 * `classCount` units; a two-class fit's log-odds z become the logits [0, z] (softmax of them is
 * [1 − σ(z), σ(z)]); classes the training rows lacked get ABSENT_CLASS_BIAS.
 */
export function linearModelOf(baseline: LinearBaseline): {
  spec: ModelSpec;
  weights: StoredTensor[];
} {
  const { features } = baseline;
  if (baseline.kind === "ridge") {
    return {
      spec: linearModelSpec(features, 1, false),
      weights: [
        {
          name: `${OUTPUT_ID}/kernel`,
          shape: [features, 1],
          values: Float32Array.from(baseline.coef),
        },
        { name: `${OUTPUT_ID}/bias`, shape: [1], values: Float32Array.of(baseline.intercept) },
      ],
    };
  }
  const units = Math.max(2, baseline.classCount);
  const kernel = new Float32Array(features * units);
  const bias = new Float32Array(units).fill(ABSENT_CLASS_BIAS);
  const { fittedClasses, coef, intercept } = baseline;
  const setUnit = (unit: number, output: number | null) => {
    bias[unit] = output === null ? 0 : (intercept[output] as number);
    if (output === null) return;
    for (let f = 0; f < features; f++)
      kernel[f * units + unit] = coef[output * features + f] as number;
  };
  if (fittedClasses.length === 1) setUnit(fittedClasses[0] as number, null);
  else if (fittedClasses.length === 2 && intercept.length === 1) {
    setUnit(fittedClasses[0] as number, null);
    setUnit(fittedClasses[1] as number, 0);
  } else fittedClasses.forEach((unit, output) => setUnit(unit, output));
  return {
    spec: linearModelSpec(features, units, true),
    weights: [
      { name: `${OUTPUT_ID}/kernel`, shape: [features, units], values: kernel },
      { name: `${OUTPUT_ID}/bias`, shape: [units], values: bias },
    ],
  };
}
