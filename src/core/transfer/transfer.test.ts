import * as tf from "@tensorflow/tfjs";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "../data/images/augment";
import { syntheticShapeSet } from "../../../tests/support/synthetic";
import { buildModel } from "../model/build";
import { analyzeGraph } from "../model/graph";
import { DEFAULT_TRAIN_CONFIG } from "../train/config";
import { storeModelWeights } from "../train/state";
import type { AnyTrainingData, StoredTensor } from "../train/types";
import { TRANSFER_HEAD_L2, transferSpec } from "./compose";
import type { Backbone } from "./convert";
import { FeatureCache } from "./featureCache";
import { frozenSplit } from "./frozen";
import { backbonePicturesOf, parseModelJson, PretrainedError } from "./layersModelJson";
import { loadBackboneFromFiles, loadBackboneFromUrl } from "./load";
import { testBackboneFiles } from "../../../tests/support/testBackbone";
import { trainTransfer } from "./train";

const URL_BASE = "https://models.example/test-cnn";
let files: Map<string, Uint8Array>;
const fetchFrom = (served: Map<string, Uint8Array>, seen: string[] = []) => {
  return async (url: string) => {
    seen.push(url);
    const bytes = served.get(url);
    if (!bytes) throw new Error("404 Not Found");
    return bytes;
  };
};

beforeAll(async () => {
  await tf.setBackend("cpu");
  files = await testBackboneFiles(tf, URL_BASE);
});

function pictures(count: number, seed: number): AnyTrainingData["train"] {
  const set = syntheticShapeSet(["circle", "square", "triangle"], count / 3, 16, seed);
  return { pixels: set.pixels, y: Float32Array.from(set.labels), rows: set.count };
}

function transferData(augment = false): AnyTrainingData {
  return {
    task: "classification",
    featureCount: 16 * 16 * 3,
    inputShape: [16, 16, 3],
    classCount: 3,
    train: pictures(24, 1),
    validation: pictures(9, 2),
    targetScale: 1,
    ...(augment ? { augmentation: { ...DEFAULT_AUGMENTATION, enabled: true } } : {}),
  };
}

const byName = (weights: StoredTensor[]) => new Map(weights.map((w) => [w.name, w.values]));

describe("loading a tf.js LayersModel as a backbone", () => {
  it("reads model.json and its shard from a URL, cuts at the pooled features and keeps the weights", async () => {
    const backbone = await loadBackboneFromUrl(`${URL_BASE}/model.json`, fetchFrom(files));
    expect(backbone.name).toBe("test-cnn");
    expect(backbone.inputShape).toEqual([16, 16, 3]);
    expect(backbone.cutId).toBe("gap");
    expect(backbone.featureShape).toEqual([null, 8]);
    expect(backbone.droppedAfterCut).toEqual(["classes"]);
    expect(backbone.weights.map((w) => w.name)).toEqual([
      "conv_a/kernel",
      "bn_a/gamma",
      "bn_a/beta",
      "bn_a/moving_mean",
      "bn_a/moving_variance",
      "conv_b/kernel",
      "conv_b/bias",
    ]);
    expect(backbone.paramCount).toBe(3 * 3 * 3 * 8 + 4 * 8 + 3 * 3 * 8 * 8 + 8);
  });

  it("reads the pictures a model.json records it learned from, and null when it says nothing or nonsense", () => {
    const modelJson = JSON.parse(
      new TextDecoder().decode(files.get(`${URL_BASE}/model.json`)),
    ) as Record<string, unknown>;
    const parse = (metadata: unknown) =>
      backbonePicturesOf(
        parseModelJson(JSON.stringify({ ...modelJson, userDefinedMetadata: metadata })),
      );
    expect(parse({ modelStudio: { pictures: { fit: "crop", channels: 1 } } })).toEqual({
      fit: "crop",
      channels: 1,
    });
    expect(backbonePicturesOf(parseModelJson(JSON.stringify(modelJson)))).toBeNull();
    expect(parse({ modelStudio: { pictures: { fit: "squash", channels: 3 } } })).toBeNull();
    expect(parse({ author: "someone" })).toBeNull();
  });

  it("gives the same backbone from the chosen files", async () => {
    const chosen = [...files].map(([path, bytes]) => ({
      name: path.split("/").pop() ?? "",
      bytes,
    }));
    const backbone = loadBackboneFromFiles(chosen);
    expect(backbone.cutId).toBe("gap");
    expect(backbone.weights).toHaveLength(7);
  });

  it("refuses a model too large for memory from its manifest, before fetching any shard", async () => {
    const seen: string[] = [];
    const json = JSON.parse(new TextDecoder().decode(files.get(`${URL_BASE}/model.json`)));
    json.weightsManifest[0].weights.push({
      name: "huge/kernel",
      shape: [100000, 1000],
      dtype: "float32",
    });
    const served = new Map([
      [`${URL_BASE}/model.json`, new TextEncoder().encode(JSON.stringify(json))],
    ]);
    await expect(
      loadBackboneFromUrl(`${URL_BASE}/model.json`, fetchFrom(served, seen)),
    ).rejects.toThrow(/too large for memory.*381 MB/);
    expect(seen).toEqual([`${URL_BASE}/model.json`]);
  });

  it("says what is wrong with an unreachable URL, a page that is not a model, or a graph model", async () => {
    const served = new Map([
      ["https://x/page.json", new TextEncoder().encode("<html>hello</html>")],
      [
        "https://x/g/model.json",
        new TextEncoder().encode(
          JSON.stringify({
            format: "graph-model",
            modelTopology: {},
            weightsManifest: [{ paths: ["a.bin"], weights: [] }],
          }),
        ),
      ],
    ]);
    const fetcher = fetchFrom(served);
    await expect(loadBackboneFromUrl("https://x/none/model.json", fetcher)).rejects.toThrow(
      /Could not load model.json from https:\/\/x\/none\/model.json: 404/,
    );
    await expect(loadBackboneFromUrl("https://x/page.json", fetcher)).rejects.toThrow(
      /not a tf.js model/,
    );
    await expect(loadBackboneFromUrl("https://x/g/model.json", fetcher)).rejects.toThrow(
      /graph model/,
    );
  });

  it("names the layers it cannot rebuild, and refuses a model without a picture input", async () => {
    const json = JSON.parse(new TextDecoder().decode(files.get(`${URL_BASE}/model.json`)));
    const layers = json.modelTopology.config.layers;
    layers[2] = { class_name: "ZeroPadding2D", config: { name: "pad_1", padding: [1, 1] } };
    const edited = new Map(files);
    edited.set(`${URL_BASE}/model.json`, new TextEncoder().encode(JSON.stringify(json)));
    await expect(loadBackboneFromUrl(`${URL_BASE}/model.json`, fetchFrom(edited))).rejects.toThrow(
      /cannot rebuild this layer of the model: pad_1 \(ZeroPadding2D/,
    );
    const flat = JSON.parse(new TextDecoder().decode(files.get(`${URL_BASE}/model.json`)));
    flat.modelTopology.config.layers = [
      { class_name: "Flatten", config: { name: "flat", batch_input_shape: [null, 10] } },
      {
        class_name: "Dense",
        config: { name: "d", units: 2, activation: "softmax", use_bias: true },
      },
    ];
    flat.weightsManifest[0].weights = [];
    const noImage = new Map([
      [`${URL_BASE}/model.json`, new TextEncoder().encode(JSON.stringify(flat))],
    ]);
    noImage.set(`${URL_BASE}/group1-shard1of1.bin`, new Uint8Array(0));
    const error = await loadBackboneFromUrl(`${URL_BASE}/model.json`, fetchFrom(noImage)).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(PretrainedError);
    expect(error.message).toMatch(/does not take a picture: its input is \[10\]/);
  });
});

describe("the shipped backbone", () => {
  it("loads from public/backbones/shapes-cnn as a URL would give it, cut at its pooled features", async () => {
    const { readFileSync } = await import("node:fs");
    const backbone = await loadBackboneFromUrl(
      "https://studio.example/backbones/shapes-cnn/model.json",
      async (url) => new Uint8Array(readFileSync(`public${new URL(url).pathname}`)),
    );
    expect(backbone.inputShape).toEqual([32, 32, 3]);
    expect(backbone.cutId).toBe("global_average_pooling2d_1");
    expect(backbone.featureShape).toEqual([null, 64]);
    expect(backbone.layerCount).toBe(13);
    expect(backbone.droppedAfterCut).toEqual(["output"]);
    // Its model.json records the pictures it learned from: drawn at 32×32 RGB, i.e. stretched.
    expect(backbone.pictures).toEqual({ fit: "stretch", channels: 3 });
  });
});

describe("training a head on a frozen backbone", () => {
  let backbone: Backbone;
  beforeAll(async () => {
    backbone = await loadBackboneFromUrl(`${URL_BASE}/model.json`, fetchFrom(files));
  });

  it("proposes the backbone as one frozen group with trainable 0, and an L2-penalised softmax head", () => {
    const spec = transferSpec(backbone, 3);
    const analysis = analyzeGraph(spec);
    expect(analysis.isValid).toBe(true);
    expect(spec.nodes.filter((n) => n.group === "test-cnn")).toHaveLength(7);
    expect(analysis.trainableParams).toBe(8 * 3 + 3);
    expect(analysis.nonTrainableParams).toBe(backbone.paramCount);
    expect(frozenSplit(spec)?.cutId).toBe("gap");
    const head = spec.nodes.filter((n) => n.trainable !== false && n.type !== "InputLayer");
    expect(head.map((n) => n.type)).toEqual(["Dense"]);
    expect(head[0]?.params).toMatchObject({ activation: "softmax", l2: TRANSFER_HEAD_L2 });
  });

  it("computes features once per dataset and backbone, trains the head, leaves the backbone unchanged", async () => {
    const spec = transferSpec(backbone, 3);
    const cache = new FeatureCache();
    const progress: Array<[number, number, boolean]> = [];
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 3, learningRate: 0.05 };
    const options = {
      spec,
      pretrained: backbone.weights,
      data: transferData(),
      config,
      fineTune: null,
      cache,
      callbacks: {
        onFeatures: (done: number, total: number, cached: boolean) =>
          progress.push([done, total, cached]),
      },
    };
    const first = await trainTransfer(options);
    const stored = await storeModelWeights(first.model);
    const after = byName(stored);
    first.model.dispose();
    // In the order a fresh build of the spec lists them: what TrainedModel.weights and export need.
    const fresh = buildModel(tf, spec, { seed: 1 });
    expect(stored.map((w) => w.name)).toEqual(fresh.weights.map((w) => w.originalName));
    fresh.dispose();
    expect(progress.at(-1)).toEqual([33, 33, false]);
    for (const w of backbone.weights) expect(after.get(w.name)).toEqual(w.values);
    expect(first.outcome.history).toHaveLength(3);

    progress.length = 0;
    const second = await trainTransfer(options);
    second.model.dispose();
    expect(progress).toEqual([[33, 33, true]]);
    expect(cache.size).toBe(1);
  });

  it("with augmentation trains through the frozen backbone per batch, still leaving it unchanged", async () => {
    const spec = transferSpec(backbone, 3);
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 2, learningRate: 0.05 };
    const result = await trainTransfer({
      spec,
      pretrained: backbone.weights,
      data: transferData(true),
      config,
      fineTune: null,
    });
    const after = byName(await storeModelWeights(result.model));
    result.model.dispose();
    for (const w of backbone.weights) expect(after.get(w.name)).toEqual(w.values);
    expect(after.get("output/kernel")).toBeDefined();
  });

  it("fine-tuning the top 1 layer changes only that layer's weights (at the lower rate)", async () => {
    const spec = transferSpec(backbone, 3);
    const config = { ...DEFAULT_TRAIN_CONFIG, epochs: 2, learningRate: 0.05 };
    const result = await trainTransfer({
      spec,
      pretrained: backbone.weights,
      data: transferData(),
      config,
      fineTune: { layers: 1, learningRateFactor: 0.1, epochs: 2 },
    });
    const after = byName(await storeModelWeights(result.model));
    expect(result.outcome.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    result.model.dispose();
    for (const w of backbone.weights) {
      if (w.name.startsWith("conv_b/")) expect(after.get(w.name)).not.toEqual(w.values);
      else expect(after.get(w.name)).toEqual(w.values);
    }
  });
});
