import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "../data/images/augment";
import { buildModel } from "./build";
import { analyzeGraph } from "./graph";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import {
  imageCnnSpec,
  PHOTO_CNN_MIN_SIDE,
  PHOTO_AUGMENTATION,
  PHOTO_CNN_PATIENCE,
  proposedAugmentation,
  proposedTrainConfig,
} from "./imageTemplate";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const types = (side: number, channels = 3) =>
  imageCnnSpec({ inputShape: [side, side, channels], classCount: 3 }).nodes.map((n) => n.type);

describe("the CNN proposed for small pictures", () => {
  it("on 32×32 digits: 2 conv and pooling blocks, Flatten, Dense 64, Dropout and the head", () => {
    const spec = imageCnnSpec({ inputShape: [32, 32, 1], classCount: 10 });
    expect(spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      "Conv2D",
      "MaxPooling2D",
      "Conv2D",
      "MaxPooling2D",
      "Flatten",
      "Dense",
      "Dropout",
      "Dense",
    ]);
    const convs = spec.nodes.filter((n) => n.type === "Conv2D");
    expect(convs.map((n) => n.params.filters)).toEqual([16, 32]);
    for (const conv of convs)
      expect(conv.params).toMatchObject({
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      });
    expect(spec.nodes.at(-1)?.params).toMatchObject({ units: 10, activation: "softmax" });
    // A chain: each layer feeds the next.
    expect(spec.edges.map((e) => `${e.from}>${e.to}`)).toEqual(
      spec.nodes.slice(1).map((n, i) => `${spec.nodes[i]?.id}>${n.id}`),
    );
    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(analysis.nodes.flatten_1?.shape).toEqual([null, 8 * 8 * 32]);
    // Conv 16 (160) + conv 32 (4,640) + Dense 64 on 2,048 values (131,136) + head 10 (650).
    expect(analysis.totalParams).toBe(136_586);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(model.countParams()).toBe(136_586);
    model.dispose();
  });

  it("keeps the small CNN up to 47 px", () => {
    expect(types(PHOTO_CNN_MIN_SIDE - 1)).toContain("Flatten");
    expect(types(PHOTO_CNN_MIN_SIDE - 1)).not.toContain("GlobalMaxPooling2D");
  });

  it("one class still gets a two-unit softmax", () => {
    const spec = imageCnnSpec({ inputShape: [32, 32, 3], classCount: 1 });
    expect(spec.nodes.at(-1)?.params.units).toBe(2);
  });
});

describe("the CNN proposed for photo-sized pictures", () => {
  it("on 68×68 colour pictures of 3 shapes: halved, 3 convolutions, global max pooling", () => {
    const spec = imageCnnSpec({ inputShape: [68, 68, 3], classCount: 3 });
    expect(spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      "AveragePooling2D",
      "Conv2D",
      "MaxPooling2D",
      "Conv2D",
      "MaxPooling2D",
      "Conv2D",
      "GlobalMaxPooling2D",
      "Dense",
    ]);
    expect(spec.nodes.filter((n) => n.type === "Conv2D").map((n) => n.params.filters)).toEqual([
      16, 32, 64,
    ]);
    expect(spec.edges.map((e) => `${e.from}>${e.to}`)).toEqual(
      spec.nodes.slice(1).map((n, i) => `${spec.nodes[i]?.id}>${n.id}`),
    );
    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(analysis.nodes.average_pooling2d_1?.shape).toEqual([null, 34, 34, 3]);
    expect(analysis.nodes.conv2d_3?.shape).toEqual([null, 8, 8, 64]);
    expect(analysis.nodes.global_max_pooling2d_1?.shape).toEqual([null, 64]);
    expect(analysis.nodes.output?.shape).toEqual([null, 3]);
    // Convs 448 + 4,640 + 18,496, head 195: no weight is tied to a place in the picture.
    expect(analysis.totalParams).toBe(23_779);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(model.countParams()).toBe(23_779);
    const probabilities = model.predict(tf.ones([2, 68, 68, 3])) as tf.Tensor;
    expect(probabilities.shape).toEqual([2, 3]);
    expect(Array.from(probabilities.sum(1).dataSync())).toEqual([
      expect.closeTo(1, 5),
      expect.closeTo(1, 5),
    ]);
    tf.dispose(probabilities);
    model.dispose();
  });

  it("averages larger pictures down to 32–63 px before the convolutions", () => {
    const seen = (side: number) => {
      const spec = imageCnnSpec({ inputShape: [side, side, 3], classCount: 3 });
      return analyzeGraph(spec).nodes.conv2d_1?.shape?.[1];
    };
    expect(types(PHOTO_CNN_MIN_SIDE)).not.toContain("AveragePooling2D");
    expect(seen(48)).toBe(48);
    expect(seen(63)).toBe(63);
    expect(seen(64)).toBe(32);
    expect(seen(96)).toBe(32);
    expect(seen(224)).toBe(32);
    // The same parameters whatever the size: only the convolutions and the head have weights.
    const params = (side: number) =>
      analyzeGraph(imageCnnSpec({ inputShape: [side, side, 3], classCount: 3 })).totalParams;
    expect(params(224)).toBe(params(48));
  });
});

describe("the augmentation proposed with it", () => {
  const photo = { inputShape: [68, 68, 3] as [number, number, number], classCount: 3 };
  const digits = { inputShape: [32, 32, 1] as [number, number, number], classCount: 10 };
  const rotateOnly = { ...DEFAULT_AUGMENTATION, enabled: true, zoom: 0, shift: 0 };

  it("is on, mirroring and turning up to 30°, for photo-sized pictures", () => {
    expect(proposedAugmentation(photo, DEFAULT_AUGMENTATION)).toEqual({
      ...DEFAULT_AUGMENTATION,
      enabled: true,
      flip: true,
      rotationDegrees: 30,
    });
    expect(proposedAugmentation(photo, rotateOnly)).toEqual(PHOTO_AUGMENTATION);
  });

  it("small pictures keep what the person chose, but not the photo proposal's mirroring", () => {
    expect(proposedAugmentation(digits, DEFAULT_AUGMENTATION)).toEqual(DEFAULT_AUGMENTATION);
    expect(proposedAugmentation(digits, rotateOnly)).toBe(rotateOnly);
    // Photos first, then digits: the photo proposal is withdrawn.
    const afterPhotos = proposedAugmentation(photo, DEFAULT_AUGMENTATION);
    expect(proposedAugmentation(digits, afterPhotos)).toEqual(DEFAULT_AUGMENTATION);
    // Changed by the person after the photos: kept.
    const changed = { ...afterPhotos, flip: false };
    expect(proposedAugmentation(digits, changed)).toBe(changed);
  });
});

describe("the training settings proposed with it", () => {
  const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 60, learningRate: 0.001 };

  it("photo-sized pictures: a patience of 50 epochs, the rest as the person set it", () => {
    const proposed = proposedTrainConfig({ inputShape: [68, 68, 3], classCount: 3 }, config);
    expect(proposed).toEqual({
      ...config,
      earlyStopping: { ...config.earlyStopping, patience: PHOTO_CNN_PATIENCE },
    });
    expect(PHOTO_CNN_PATIENCE).toBe(50);
  });

  it("small pictures: the settings untouched", () => {
    expect(proposedTrainConfig({ inputShape: [32, 32, 1], classCount: 10 }, config)).toBe(config);
  });
});
