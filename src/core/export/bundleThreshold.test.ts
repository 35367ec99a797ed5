import * as tf from "@tensorflow/tfjs";
import { unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { TrainedModel } from "../project/trainedModel";
import { buildBundle, metricsFile } from "./bundle";
import { BUNDLE_FILES } from "./bundleLayout";
import { decisionLine } from "./modelCard";
import { readBundle } from "./readBundle";
import { makeTrainedModel } from "../../../tests/support/testModels";

let binary: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  binary = await makeTrainedModel({
    file: "tests/fixtures/diabetes-binary.csv",
    target: "progression_high",
    task: "classification",
    epochs: 2,
  });
});

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe("the decision threshold in the bundle (binary tasks)", () => {
  it("is recorded in metrics.json and the model card, and comes back on import", async () => {
    const model = { ...binary, decisionThreshold: 0.35 };
    const bundle = await buildBundle(model, tf);
    const files = unzipSync(bundle);
    const metrics = JSON.parse(text(files[BUNDLE_FILES.metrics]));
    expect(metrics.decisionThreshold).toEqual({
      positiveClass: "yes",
      threshold: 0.35,
      chosen: true,
    });
    const card = text(files[BUNDLE_FILES.card]);
    expect(card).toContain(
      "Decision: predicts `yes` when p ≥ 0.35 (the probability of `yes`; threshold chosen in the report), else `no`.",
    );
    expect(readBundle(bundle).decisionThreshold).toBe(0.35);
  });

  it("says 0.5 when none was chosen, and nothing for three classes", async () => {
    expect(metricsFile(binary).decisionThreshold).toEqual({
      positiveClass: "yes",
      threshold: 0.5,
      chosen: false,
    });
    expect(decisionLine(binary)).toMatch(/p\(`yes`\) ≥ 0\.5, else `no` \(the default threshold/);
    const iris = await makeTrainedModel({
      file: "public/samples/iris.csv",
      target: "species",
      task: "classification",
      epochs: 1,
    });
    expect(metricsFile(iris)).not.toHaveProperty("decisionThreshold");
    expect(decisionLine({ ...iris, decisionThreshold: 0.2 })).toBeNull();
  });
});
