import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDigitsModel } from "../../../tests/support/testImageModels";
import { sampleImagePixels } from "../project/sampleImages";
import type { TrainedModel } from "../project/trainedModel";
import {
  decodeInlineModel,
  encodeInlineModel,
  inlineLinkFor,
  MAX_INLINE_LINK_CHARS,
} from "./inlineLink";
import { parseShareRoute } from "./route";

let digits: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  // The studio's proposed CNN for 32×32 grayscale digits (136,586 parameters), untrained.
  digits = (await makeDigitsModel({ epochs: 0 })).model;
});

describe("an inline link to an image model", () => {
  it("packs and unpacks the whole model: image preprocessing, sample pictures, threshold", () => {
    const model = { ...digits, decisionThreshold: undefined };
    delete model.decisionThreshold;
    const link = inlineLinkFor("https://studio.example/", model);
    const url = new URL(link);
    const route = parseShareRoute(url.pathname, url.hash);
    if (route?.kind !== "inline") throw new Error(`not an inline link: ${link.slice(0, 80)}`);
    const back = decodeInlineModel(route.payload);
    expect(back).toEqual(model);
    expect(back.preprocessing.image).toMatchObject({ size: 32, channels: 1, fit: "pad" });
    expect(back.sampleImages?.map((s) => s.label)).toEqual(model.sampleImages?.map((s) => s.label));
    expect(sampleImagePixels(back.sampleImages![0]!)).toEqual(
      sampleImagePixels(model.sampleImages![0]!),
    );
    const params = model.weights.reduce((n, w) => n + w.values.length, 0);
    expect(params).toBe(136_586);
    expect(route.payload.length).toBeLessThan(MAX_INLINE_LINK_CHARS);
    console.info(
      `digits CNN: ${params} parameters → ${route.payload.length} characters (${(route.payload.length / params).toFixed(2)} per parameter)`,
    );
  });

  it("carries a binary model's decision threshold", () => {
    const binary = { ...digits, decisionThreshold: 0.35 };
    expect(decodeInlineModel(encodeInlineModel(binary)).decisionThreshold).toBe(0.35);
  });
});
