import { defaultParams } from "../model/catalog";
import { freshNodeId, MODEL_SPEC_VERSION, type LayerNode, type ModelSpec } from "../model/spec";
import { INPUT_ID, OUTPUT_ID } from "../model/templates";
import type { Backbone } from "./convert";

/**
 * The head's L2 penalty: about logistic regression's C = 1 (‖W‖²/(2·C·n)) for the ~120 training
 * pictures of a small set. Measured by bench/picture-heads.mjs on the shipped backbone (two picture
 * sets it was not tuned on, 5 seeds each, 2026-12-07): a Dense head with this penalty and no
 * Dropout, trained at TRANSFER_HEAD_LEARNING_RATE, came within 0.021 of logistic regression on its
 * features on every split (mean −0.003); the Dropout 0.25 head without a penalty at 0.003 trailed
 * it by up to 0.073–0.083, and differed from run to run (tf.js Dropout is not seeded).
 */
export const TRANSFER_HEAD_L2 = 0.004;

/**
 * The learning rate proposed with a backbone: the head trains on fixed features, where 0.01 reaches
 * the penalised optimum within the epochs (at 0.003 some runs still improved at 200 epochs and
 * trailed logistic regression by 0.042).
 */
export const TRANSFER_HEAD_LEARNING_RATE = 0.01;

/**
 * The model the studio proposes on a pretrained backbone: its layers up to the cut, frozen and
 * grouped under its name (the canvas draws them as one locked block), then an editable head, one
 * Dense softmax of one unit per class with an L2 penalty (TRANSFER_HEAD_L2).
 */
export function transferSpec(backbone: Backbone, classCount: number): ModelSpec {
  const frozen: LayerNode[] = backbone.spec.nodes.map((node) => ({
    ...node,
    trainable: false,
    group: backbone.name,
  }));
  // The studio's image input is called "input" (the data's shape follows it); the backbone's keeps
  // its layers' ids, so their weights keep their names.
  const inputId = backbone.spec.inputs[0] ?? INPUT_ID;
  const renameInput = inputId !== INPUT_ID && !frozen.some((n) => n.id === INPUT_ID);
  const rename = (id: string) => (renameInput && id === inputId ? INPUT_ID : id);
  const nodes = frozen.map((n) => ({ ...n, id: rename(n.id) }));
  const base: ModelSpec = {
    version: MODEL_SPEC_VERSION,
    inputs: [rename(inputId)],
    nodes,
    edges: backbone.spec.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
    outputs: [],
  };
  const outputId = base.nodes.some((n) => n.id === OUTPUT_ID)
    ? freshNodeId(base, "Dense")
    : OUTPUT_ID;
  base.nodes.push({
    id: outputId,
    type: "Dense",
    params: {
      ...defaultParams("Dense"),
      units: Math.max(2, classCount),
      activation: "softmax",
      useBias: true,
      l2: TRANSFER_HEAD_L2,
    },
  });
  base.edges.push({ from: backbone.cutId, to: outputId, toIndex: 0 });
  base.outputs = [outputId];
  return base;
}
