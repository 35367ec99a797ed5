import type * as tfTypes from "@tensorflow/tfjs";
import { defaultParams } from "../../src/core/model/catalog";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../../src/core/model/spec";
import { buildModel } from "../../src/core/model/build";
import { tfjsArtifacts } from "../../src/core/export/tfjsArtifacts";
import { storeModelWeights } from "../../src/core/train/state";

/**
 * A small real tf.js LayersModel for tests: 16×16×3 pictures, Conv2D 8 → BatchNormalization → relu
 * → MaxPooling → Conv2D 8 → GlobalAveragePooling2D → Dense 3 softmax, written by tf.js's own save
 * (model.json + one shard), as a URL or files would give it.
 */

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

export function testBackboneSpec(): ModelSpec {
  const nodes = [
    layer("input", "InputLayer", { shape: [16, 16, 3] }),
    layer("conv_a", "Conv2D", { filters: 8, kernelSize: [3, 3], padding: "same", useBias: false }),
    layer("bn_a", "BatchNormalization"),
    layer("relu_a", "Activation", { activation: "relu" }),
    layer("pool_a", "MaxPooling2D", { poolSize: [2, 2] }),
    layer("conv_b", "Conv2D", {
      filters: 8,
      kernelSize: [3, 3],
      padding: "same",
      activation: "relu",
    }),
    layer("gap", "GlobalAveragePooling2D"),
    layer("classes", "Dense", { units: 3, activation: "softmax" }),
  ];
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: (nodes[i] as LayerNode).id, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: ["input"], nodes, edges, outputs: ["classes"] };
}

/** model.json text and its shard, as files at `<folder>/model.json` and `<folder>/<shard>`. */
export async function testBackboneFiles(
  tf: typeof tfTypes,
  folder: string,
): Promise<Map<string, Uint8Array>> {
  const model = buildModel(tf, testBackboneSpec(), { seed: 5 });
  // Moving statistics that are not the defaults, so a test sees whether they are kept.
  const bn = model.getLayer("bn_a");
  bn.setWeights(bn.getWeights().map((w, i) => tf.fill(w.shape, 0.5 + i * 0.25)));
  const weights = await storeModelWeights(model);
  model.dispose();
  const artifacts = await tfjsArtifacts(tf, { spec: testBackboneSpec(), weights });
  const path = artifacts.modelJson.weightsManifest[0]?.paths[0] ?? "";
  return new Map([
    [`${folder}/model.json`, new TextEncoder().encode(JSON.stringify(artifacts.modelJson))],
    [`${folder}/${path}`, artifacts.weightData],
  ]);
}
