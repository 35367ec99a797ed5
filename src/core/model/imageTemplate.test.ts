import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { analyzeGraph } from "./graph";
import { imageCnnBlocks, imageCnnSpec } from "./imageTemplate";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

const BLOCK = ["Conv2D", "BatchNormalization", "MaxPooling2D"];

describe("the CNN proposed for pictures", () => {
  it("gets one block per halving down to 4 pixels, 2 to 4 blocks", () => {
    expect([8, 16, 28, 32, 34, 48, 64, 112, 224].map(imageCnnBlocks)).toEqual([
      2, 2, 3, 3, 3, 4, 4, 4, 4,
    ]);
  });

  it("on 32×32 digits: conv, batch norm and pooling blocks, a global average and the head", () => {
    const spec = imageCnnSpec({ inputShape: [32, 32, 1], classCount: 10 });
    expect(spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      ...BLOCK,
      ...BLOCK,
      ...BLOCK,
      "GlobalAveragePooling2D",
      "Dense",
    ]);
    const convs = spec.nodes.filter((n) => n.type === "Conv2D");
    expect(convs.map((n) => n.params.filters)).toEqual([16, 32, 64]);
    for (const conv of convs) {
      expect(conv.params).toMatchObject({
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      });
    }
    const norms = spec.nodes.filter((n) => n.type === "BatchNormalization");
    expect(norms.map((n) => n.params.momentum)).toEqual([0.9, 0.9, 0.9]);
    expect(spec.nodes.at(-1)?.params).toMatchObject({ units: 10, activation: "softmax" });
    // A chain: each layer feeds the next.
    expect(spec.edges.map((e) => `${e.from}>${e.to}`)).toEqual(
      spec.nodes.slice(1).map((n, i) => `${spec.nodes[i]?.id}>${n.id}`),
    );

    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(analysis.nodes.max_pooling2d_3?.shape).toEqual([null, 4, 4, 64]);
    expect(analysis.nodes.global_average_pooling2d_1?.shape).toEqual([null, 64]);
    expect(analysis.nodes.output?.shape).toEqual([null, 10]);
    // Conv 16 (160) + 32 (4,640) + 64 (18,496), batch norm 4 per channel (448), head 650.
    expect(analysis.totalParams).toBe(24_394);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(model.countParams()).toBe(24_394);
    model.dispose();
  });

  it("on 68×68 colour pictures of 3 shapes: averaged to 34×34 first, then 3 blocks", () => {
    const spec = imageCnnSpec({ inputShape: [68, 68, 3], classCount: 3 });
    expect(spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      "AveragePooling2D",
      ...BLOCK,
      ...BLOCK,
      ...BLOCK,
      "GlobalAveragePooling2D",
      "Dense",
    ]);
    const analysis = analyzeGraph(spec);
    expect(analysis.problems).toEqual([]);
    expect(analysis.nodes.average_pooling2d_1?.shape).toEqual([null, 34, 34, 3]);
    expect(analysis.nodes.max_pooling2d_3?.shape).toEqual([null, 4, 4, 64]);
    // Conv 16 (448) + 32 (4,640) + 64 (18,496), batch norm (448), head 3 (195).
    expect(analysis.totalParams).toBe(24_227);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(model.countParams()).toBe(24_227);
    const out = tf.tidy(() => model.predict(tf.zeros([2, 68, 68, 3])) as tf.Tensor);
    expect(out.shape).toEqual([2, 3]);
    out.dispose();
    model.dispose();
  });

  it("pictures from 48 px are halved first; 224 px gets 4 blocks of 16 to 64 filters", () => {
    const first = (side: number) =>
      imageCnnSpec({ inputShape: [side, side, 3], classCount: 3 }).nodes[1]?.type;
    expect(first(44)).toBe("Conv2D");
    expect(first(48)).toBe("AveragePooling2D");
    const big = imageCnnSpec({ inputShape: [224, 224, 3], classCount: 5 });
    expect(big.nodes.filter((n) => n.type === "Conv2D").map((n) => n.params.filters)).toEqual([
      16, 32, 64, 64,
    ]);
    expect(analyzeGraph(big).nodes.max_pooling2d_4?.shape).toEqual([null, 7, 7, 64]);
  });

  it("two classes still get a two-unit softmax", () => {
    const spec = imageCnnSpec({ inputShape: [64, 64, 3], classCount: 1 });
    expect(spec.nodes.at(-1)?.params.units).toBe(2);
  });
});
