import { defaultParams } from "../model/catalog";
import { freshNodeId, type LayerNode, type ModelSpec } from "../model/spec";
import { INPUT_ID, OUTPUT_ID } from "../model/templates";
import type { Backbone } from "./convert";

/**
 * The model the studio proposes on a pretrained backbone: its layers up to the cut, frozen and
 * grouped under its name (the canvas draws them as one locked block), then an editable head,
 * Dropout 0.25 and a Dense softmax of one unit per class.
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
    version: 1,
    inputs: [rename(inputId)],
    nodes,
    edges: backbone.spec.edges.map((e) => ({ ...e, from: rename(e.from), to: rename(e.to) })),
    outputs: [],
  };
  const dropoutId = freshNodeId(base, "Dropout");
  base.nodes.push({
    id: dropoutId,
    type: "Dropout",
    params: { ...defaultParams("Dropout"), rate: 0.25 },
  });
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
    },
  });
  base.edges.push(
    { from: backbone.cutId, to: dropoutId, toIndex: 0 },
    { from: dropoutId, to: outputId, toIndex: 0 },
  );
  base.outputs = [outputId];
  return base;
}
