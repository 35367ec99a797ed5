import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel } from "./build";
import { analyzeGraph } from "./graph";
import { imageCnnSpec } from "./imageTemplate";

beforeAll(async () => {
  await tf.setBackend("cpu");
});

describe("the CNN proposed for pictures", () => {
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

  it("from 64 px a third block of 64 filters: 68×68 colour pictures of 3 shapes", () => {
    const spec = imageCnnSpec({ inputShape: [68, 68, 3], classCount: 3 });
    expect(spec.nodes.filter((n) => n.type === "Conv2D").map((n) => n.params.filters)).toEqual([
      16, 32, 64,
    ]);
    const analysis = analyzeGraph(spec);
    expect(analysis.nodes.flatten_1?.shape).toEqual([null, 8 * 8 * 64]);
    // Most of it is the Dense layer on the flattened 8×8×64 map (262,208).
    expect(analysis.totalParams).toBe(285_987);
    const model = buildModel(tf, spec, { seed: 1 });
    expect(model.countParams()).toBe(285_987);
    model.dispose();
    expect(imageCnnSpec({ inputShape: [60, 60, 3], classCount: 3 }).nodes).toHaveLength(9);
  });

  it("one class still gets a two-unit softmax", () => {
    const spec = imageCnnSpec({ inputShape: [32, 32, 3], classCount: 1 });
    expect(spec.nodes.at(-1)?.params.units).toBe(2);
  });
});
