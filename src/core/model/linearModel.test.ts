import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { fitLinearBaseline, predictLinearBaseline } from "../eval/linearBaseline";
import { buildTrainedModel } from "../project/predict";
import { ABSENT_CLASS_BIAS, linearModelOf } from "./linearModel";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

/** A seeded table: x [rows, features] in [-2, 2], and y from `label` of each row. */
function table(rows: number, features: number, label: (row: number[]) => number) {
  let state = 7;
  const next = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4 - 2;
  const x = new Float32Array(rows * features);
  const y = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    const row = Array.from({ length: features }, next);
    x.set(row, r * features);
    y[r] = label(row);
  }
  return { x, y, rows };
}

/** The tf.js model built from the spec and weights, on x: what try-it and export compute. */
function layersOutputs(baseline: Parameters<typeof linearModelOf>[0], x: Float32Array) {
  const { spec, weights } = linearModelOf(baseline);
  const model = buildTrainedModel(tf, { spec, weights });
  const features = baseline.features;
  const out = tf.tidy(() =>
    Array.from(
      (model.predict(tf.tensor2d(x, [x.length / features, features])) as tf.Tensor).dataSync(),
    ),
  );
  model.dispose();
  return out;
}

function expectClose(actual: number[], expected: ArrayLike<number>) {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let i = 0; i < actual.length; i++)
    worst = Math.max(worst, Math.abs((actual[i] as number) - (expected[i] as number)));
  expect(worst).toBeLessThanOrEqual(1e-5);
}

describe("the linear model as Input → Dense", () => {
  it("answers as the fitted ridge regression (one linear unit)", () => {
    const data = table(60, 4, ([a = 0, b = 0, c = 0]) => 2 * a - b + 0.5 * c + 1);
    const ridge = fitLinearBaseline(data, "regression", 0);
    const { spec } = linearModelOf(ridge);
    expect(spec.nodes.map((n) => n.type)).toEqual(["InputLayer", "Dense"]);
    expect(spec.nodes[1]?.params).toMatchObject({ units: 1, activation: "linear", useBias: true });
    expectClose(layersOutputs(ridge, data.x), predictLinearBaseline(ridge, data.x, data.rows));
  });

  it("answers as a two-class logistic fit: softmax of [0, log-odds]", () => {
    const data = table(80, 3, ([a = 0, b = 0]) => (a + 0.3 * b > 0.2 ? 1 : 0));
    const logistic = fitLinearBaseline(data, "classification", 2);
    const { spec } = linearModelOf(logistic);
    expect(spec.nodes[1]?.params).toMatchObject({ units: 2, activation: "softmax" });
    expectClose(
      layersOutputs(logistic, data.x),
      predictLinearBaseline(logistic, data.x, data.rows),
    );
  });

  it("answers as a three-class softmax fit", () => {
    const data = table(90, 3, ([a = 0, b = 0]) => (a > 0.5 ? 2 : b > 0 ? 1 : 0));
    const logistic = fitLinearBaseline(data, "classification", 3);
    expectClose(
      layersOutputs(logistic, data.x),
      predictLinearBaseline(logistic, data.x, data.rows),
    );
  });

  it("gives a class the training rows lacked probability 0, as the fit does", () => {
    // Four classes in the task, class 2 never in the training rows; and a two-class fit among three.
    const many = table(90, 3, ([a = 0, b = 0]) => (a > 0.5 ? 3 : b > 0 ? 1 : 0));
    const four = fitLinearBaseline(many, "classification", 4);
    expect(linearModelOf(four).weights[1]?.values[2]).toBe(ABSENT_CLASS_BIAS);
    const outputs = layersOutputs(four, many.x);
    expectClose(outputs, predictLinearBaseline(four, many.x, many.rows));
    for (let r = 0; r < many.rows; r++) expect(outputs[r * 4 + 2]).toBe(0);
    const two = table(50, 2, ([a = 0]) => (a > 0 ? 2 : 0));
    const ofThree = fitLinearBaseline(two, "classification", 3);
    expectClose(layersOutputs(ofThree, two.x), predictLinearBaseline(ofThree, two.x, two.rows));
  });
});
