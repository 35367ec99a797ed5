import { defaultParams } from "../src/core/model/catalog";
import { imageCnnSpec, type ImageShape } from "../src/core/model/imageTemplate";
import type { LayerNode, LayerType, ModelSpec, ParamValue } from "../src/core/model/spec";
import { INPUT_ID, OUTPUT_ID } from "../src/core/model/templates";

function layer(id: string, type: LayerType, params: Record<string, ParamValue> = {}): LayerNode {
  return { id, type, params: { ...defaultParams(type), ...params } };
}

/** The smallest side the pooling blocks bring a picture down to before it is averaged. */
const SMALLEST_SIDE = 4;
const MIN_BLOCKS = 2;
const MAX_BLOCKS = 4;
/** Pictures this wide or wider are first averaged down to half their side. */
const HALVED_FROM = 48;

/**
 * How many convolution blocks a picture of `side` pixels gets: each halves the side, until it is
 * SMALLEST_SIDE or less (32 px: 3 blocks, 64: 4), within 2–4 blocks.
 */
function imageCnnBlocks(side: number): number {
  let blocks = 0;
  for (let s = side; s > SMALLEST_SIDE && blocks < MAX_BLOCKS; s = Math.floor(s / 2)) blocks++;
  return Math.max(MIN_BLOCKS, blocks);
}

/** Filters of block `b` (1-based): 16, 32, then 64. */
const imageCnnFilters = (b: number): number => Math.min(64, 8 * 2 ** b);

/**
 * A candidate for the picture CNN, measured by bench/pictureScratch.ts and NOT adopted (see
 * docs/benchmarks.md, "Pictures from scratch"): Input [H, W, C]; from 48 pixels up a 2×2
 * AveragePooling2D (the picture at half its side); blocks of a 3×3 "same" Conv2D (relu),
 * BatchNormalization (momentum 0.9) and a 2×2 MaxPooling2D (16, 32, then 64 filters; one block
 * per halving down to 4 pixels or less, 2–4 blocks); GlobalAveragePooling2D and a softmax head.
 * Batch norm at full 68 px made a wasm step 4× slower, hence the halving.
 */
export function candidateCnnSpec(data: ImageShape): ModelSpec {
  const [height, width] = data.inputShape;
  const side = Math.min(height, width);
  const nodes: LayerNode[] = [layer(INPUT_ID, "InputLayer", { shape: [...data.inputShape] })];
  const halve = side >= HALVED_FROM;
  if (halve) nodes.push(layer("average_pooling2d_1", "AveragePooling2D", { poolSize: [2, 2] }));
  const blocks = imageCnnBlocks(halve ? Math.floor(side / 2) : side);
  for (let b = 1; b <= blocks; b++) {
    nodes.push(
      layer(`conv2d_${b}`, "Conv2D", {
        filters: imageCnnFilters(b),
        kernelSize: [3, 3],
        padding: "same",
        activation: "relu",
      }),
      layer(`batch_normalization_${b}`, "BatchNormalization", { momentum: 0.9 }),
      layer(`max_pooling2d_${b}`, "MaxPooling2D", { poolSize: [2, 2] }),
    );
  }
  // The same softmax head as the studio's proposal.
  const head = imageCnnSpec(data).nodes.find((n) => n.id === OUTPUT_ID);
  if (!head) throw new Error("The proposal has no output layer.");
  nodes.push(layer("global_average_pooling2d_1", "GlobalAveragePooling2D"), head);
  const edges = nodes
    .slice(1)
    .map((node, i) => ({ from: nodes[i]?.id ?? INPUT_ID, to: node.id, toIndex: 0 }));
  return { version: 1, inputs: [INPUT_ID], nodes, edges, outputs: [OUTPUT_ID] };
}
