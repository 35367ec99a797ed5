import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeIrisModel } from "../../../tests/support/testModels";
import { sampleImageOf } from "./sampleImages";
import type { TrainedModel } from "./trainedModel";
import { migrateTrainedModel, TrainedModelFormatError } from "./trainedModelSchema";

let iris: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  iris = await makeIrisModel();
});

const clone = (model: TrainedModel) => structuredClone(model) as unknown as Record<string, unknown>;

describe("migrateTrainedModel", () => {
  it("reads a trained model of the current version as it is", () => {
    expect(migrateTrainedModel(clone(iris))).toEqual(iris);
  });

  it("refuses a model from a newer studio and says what to do", () => {
    expect(() => migrateTrainedModel({ ...clone(iris), version: 2 })).toThrow(
      /newer version of the studio \(format version 2; this studio reads up to 1\)/,
    );
  });

  it("refuses something that is not a trained model", () => {
    expect(() => migrateTrainedModel("hello")).toThrow(TrainedModelFormatError);
    expect(() => migrateTrainedModel({ version: "1" })).toThrow(/version is "1"/);
  });

  it("runs the upgrade steps from an older version", () => {
    // A made-up version 0 that called the class names `classNames`: the step renames the field.
    const { labels, ...rest } = clone(iris);
    const old = { ...rest, version: 0, classNames: labels };
    const upgraded = migrateTrainedModel(old, {
      0: ({ classNames, ...fields }) => ({ ...fields, labels: classNames, version: 1 }),
    });
    expect(upgraded).toEqual(iris);
    expect(() => migrateTrainedModel(old)).toThrow(/No upgrade step from format version 0/);
  });

  it("names unknown layer types", () => {
    const raw = clone(iris) as unknown as TrainedModel;
    const spec = {
      ...raw.spec,
      nodes: raw.spec.nodes.map((n, i) => (i === 1 ? { ...n, type: "Quantum" } : n)),
    };
    expect(() => migrateTrainedModel({ ...raw, spec })).toThrow(
      /layer types this studio does not know: Quantum/,
    );
  });

  it("refuses NaN weights, lengths that do not match shapes and absurd shapes", () => {
    const withWeight = (values: Float32Array, shape: number[]) => {
      const raw = clone(iris) as unknown as TrainedModel;
      raw.weights[0] = { name: "dense_1/kernel", shape, values };
      return raw;
    };
    const first = iris.weights[0];
    if (!first) throw new Error("no weights");
    const nan = Float32Array.from(first.values);
    nan[3] = NaN;
    expect(() => migrateTrainedModel(withWeight(nan, first.shape))).toThrow(/NaN or infinite/);
    expect(() => migrateTrainedModel(withWeight(first.values, [first.values.length + 1]))).toThrow(
      /needs/,
    );
    expect(() => migrateTrainedModel(withWeight(first.values, [-1, 4]))).toThrow(
      /weights\.0\.shape/,
    );
    expect(() => migrateTrainedModel(withWeight(first.values, [2 ** 15, 2 ** 15]))).toThrow(
      /at most 268435456 numbers/,
    );
  });

  it("names the field that fails the schema", () => {
    const raw = clone(iris) as unknown as TrainedModel;
    const bad = { ...raw, preprocessing: { ...raw.preprocessing, inputs: [{ kind: "numeric" }] } };
    expect(() => migrateTrainedModel(bad)).toThrow(/preprocessing\.inputs\.0\.column/);
  });

  it("reads image models: the optional preprocessing.image needs no migration, and is checked", () => {
    // Added in place at version 1: table models (without `image`) read as before, above.
    const image = { size: 32, channels: 1, fit: "pad", scaling: "unit", classNames: ["0", "1"] };
    const raw = clone(iris) as unknown as TrainedModel;
    const withImage = { ...raw, preprocessing: { ...raw.preprocessing, image } };
    expect(migrateTrainedModel(withImage).preprocessing.image).toEqual(image);
    const tooSmall = {
      ...withImage,
      preprocessing: { ...withImage.preprocessing, image: { ...image, size: 8 } },
    };
    expect(() => migrateTrainedModel(tooSmall)).toThrow(/preprocessing\.image\.size/);
    const badFit = {
      ...withImage,
      preprocessing: { ...withImage.preprocessing, image: { ...image, fit: "zoom" } },
    };
    expect(() => migrateTrainedModel(badFit)).toThrow(/preprocessing\.image\.fit/);
  });
});

describe("optional fields added in place (version 1)", () => {
  it("reads a model without sampleImages or decisionThreshold, and one with them", () => {
    const plain = migrateTrainedModel(clone(iris));
    expect(plain.sampleImages).toBeUndefined();
    expect(plain.decisionThreshold).toBeUndefined();
    const sampleImages = [sampleImageOf("setosa", [2, 2, 1], Uint8Array.from([0, 64, 128, 255]))];
    const withBoth = migrateTrainedModel({ ...clone(iris), sampleImages, decisionThreshold: 0.35 });
    expect(withBoth.sampleImages).toEqual(sampleImages);
    expect(withBoth.decisionThreshold).toBe(0.35);
  });

  it("refuses a threshold outside [0, 1] and a picture of the wrong size", () => {
    expect(() => migrateTrainedModel({ ...clone(iris), decisionThreshold: 1.5 })).toThrow(
      /decisionThreshold/,
    );
    const bad = { label: "x", shape: [2, 2, 1], pixels: "AAAA" };
    expect(() => migrateTrainedModel({ ...clone(iris), sampleImages: [bad] })).toThrow(
      /sampleImages\.0: pixels hold 3 bytes but a 2×2×1 picture needs 4/,
    );
  });
});

describe("a report's kept scores", () => {
  const scores = {
    curves: {
      perClass: [
        {
          classIndex: 0,
          support: 2,
          roc: { fpr: [0, 0.5, 1], tpr: [0, 1, 1] },
          pr: { precision: [0.5, 1, 1], recall: [1, 0.5, 0] },
          rocAuc: 0.75,
          averagePrecision: null,
        },
      ],
      rocAuc: { macro: 0.75, weighted: 0.75 },
      averagePrecision: { macro: null, weighted: null },
    },
    logLoss: 0.4,
    calibration: [
      {
        classIndex: 0,
        brier: 0.1,
        curve: {
          fractionPositive: [0, 1],
          meanPredicted: [0.2, 0.8],
          counts: [2, 2],
          bins: [2, 8],
        },
      },
    ],
  };

  it("reads a model whose report keeps its curve scores", () => {
    const model = { ...clone(iris), report: { ...iris.report, scores } };
    expect((migrateTrainedModel(model).report as { scores?: unknown }).scores).toEqual(scores);
  });

  it("refuses curves whose pairs differ in length or run past the cap", () => {
    const broken = structuredClone(scores);
    broken.curves.perClass[0]!.roc.tpr.pop();
    expect(() =>
      migrateTrainedModel({ ...clone(iris), report: { ...iris.report, scores: broken } }),
    ).toThrow(/fpr and tpr differ in length/);
    const long = structuredClone(scores);
    long.curves.perClass[0]!.roc = { fpr: new Array(501).fill(0), tpr: new Array(501).fill(0) };
    expect(() =>
      migrateTrainedModel({ ...clone(iris), report: { ...iris.report, scores: long } }),
    ).toThrow(TrainedModelFormatError);
  });
});
