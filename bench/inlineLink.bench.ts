import * as tf from "@tensorflow/tfjs";
import { bench, describe } from "vitest";
import { makeTrainedModel } from "../tests/support/testModels";
import type { TrainedModel } from "../src/core/project/trainedModel";
import { decodeInlineModel, encodeInlineModel } from "../src/core/share/inlineLink";
import { MAX_INLINE_LINK_CHARS } from "../src/core/share/inlineLinkLimits";
import { mlpSpec } from "../src/core/model/templates";

await tf.setBackend("cpu");

/** Iris with a wider MLP: trained weights, as a link would carry them. */
async function irisModel(units: number): Promise<TrainedModel> {
  return makeTrainedModel({
    file: "public/samples/iris.csv",
    target: "species",
    task: "classification",
    epochs: 3,
    spec: (featureCount, classCount) =>
      mlpSpec(
        {
          hidden: [
            { units, activation: "relu", dropout: 0 },
            { units, activation: "relu", dropout: 0 },
          ],
          batchNorm: false,
        },
        { featureCount, task: "classification", classCount },
      ),
  });
}

const sizes = [16, 128, 384];
const models = await Promise.all(sizes.map(irisModel));
for (const model of models) {
  const params = model.weights.reduce((n, w) => n + w.values.length, 0);
  const started = performance.now();
  const payload = encodeInlineModel(model);
  const encodeMs = performance.now() - started;
  const decodeStarted = performance.now();
  decodeInlineModel(payload);
  console.log(
    `inline link: ${params} parameters → ${payload.length} characters (${(payload.length / params || 0).toFixed(2)} per parameter; limit ${MAX_INLINE_LINK_CHARS}), encode ${encodeMs.toFixed(0)} ms, decode ${(performance.now() - decodeStarted).toFixed(0)} ms`,
  );
}

describe("inline links", () => {
  const largest = models[models.length - 1]!;
  const payload = encodeInlineModel(largest);
  bench("encodeInlineModel (largest)", () => void encodeInlineModel(largest), {
    iterations: 5,
    time: 0,
  });
  bench("decodeInlineModel (largest)", () => void decodeInlineModel(payload), {
    iterations: 5,
    time: 0,
  });
});
