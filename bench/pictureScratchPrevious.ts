import { defaultParams } from "../src/core/model/catalog";
import type { ImageShape } from "../src/core/model/imageTemplate";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../src/core/model/spec";
import { INPUT_ID, OUTPUT_ID } from "../src/core/model/templates";

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

/**
 * The CNN the studio proposed for every picture size until 2026-12-07, kept to compare against
 * (bench/pictureScratch.ts): Input [H, W, C], blocks of a 3×3 "same" Conv2D (relu) and a 2×2
 * MaxPooling2D (16, 32, then 64 filters; a third block from 64 pixels up), Flatten, Dense 64 relu,
 * Dropout 0.25 and a softmax head. Below 48 px the studio still proposes the same network.
 */
export function previousImageCnnSpec(data: ImageShape): ModelSpec {
  const [height, width] = data.inputShape;
  const blocks = Math.min(height, width) >= 64 ? 3 : 2;
  const nodes: LayerNode[] = [layer(INPUT_ID, "InputLayer", { shape: [...data.inputShape] })];
  for (let b = 1; b <= blocks; b++) {
    nodes.push(
      layer(`conv2d_${b}`, "Conv2D", {
        filters: 8 * 2 ** b,
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      }),
      layer(`max_pooling2d_${b}`, "MaxPooling2D", { poolSize: [2, 2] }),
    );
  }
  nodes.push(
    layer("flatten_1", "Flatten"),
    layer("dense_1", "Dense", { units: 64, activation: "relu" }),
    layer("dropout_1", "Dropout", { rate: 0.25 }),
    layer(OUTPUT_ID, "Dense", {
      units: Math.max(2, data.classCount),
      activation: "softmax",
      useBias: true,
    }),
  );
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? INPUT_ID, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: [INPUT_ID], nodes, edges, outputs: [OUTPUT_ID] };
}
