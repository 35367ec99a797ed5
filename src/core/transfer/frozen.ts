import { analyzeGraph, inputsOf } from "../model/graph";
import { MODEL_SPEC_VERSION, type ModelSpec } from "../model/spec";
import { weightSuffixes } from "./kerasLayers";

/**
 * Where a spec's frozen (pretrained) layers end and its trainable head begins: what lets the
 * training worker compute the backbone's features once and train only the head on them.
 */

export interface FrozenSplit {
  /** The frozen node whose output the head reads. */
  cutId: string;
  /** The frozen nodes (the backbone), input included, in topological order. */
  backboneIds: string[];
  /** The head's nodes, in topological order. */
  headIds: string[];
  /** Output shape of the cut without the batch: the feature vector, e.g. [64]. */
  featureShape: number[];
}

/**
 * The frozen/trainable split of a spec, or null when it has no frozen layer. The backbone must be
 * the input's side of exactly one node (the cut) that every trainable layer hangs from; throws
 * otherwise, saying why.
 */
export function frozenSplit(spec: ModelSpec): FrozenSplit | null {
  const frozen = new Set(
    spec.nodes.filter((n) => n.trainable === false || n.type === "InputLayer").map((n) => n.id),
  );
  if (!spec.nodes.some((n) => n.trainable === false)) return null;
  const analysis = analyzeGraph(spec);
  const order = analysis.order;
  const headIds = order.filter((id) => !frozen.has(id));
  const cuts = new Set(
    headIds.flatMap((id) => inputsOf(spec, id).filter((input) => frozen.has(input))),
  );
  if (cuts.size !== 1)
    throw new Error(
      `The layers after the pretrained block must read one frozen layer, but they read ${cuts.size}.`,
    );
  const cutId = [...cuts][0] as string;
  const shape = analysis.nodes[cutId]?.shape;
  if (!shape) throw new Error(`The pretrained block's output (“${cutId}”) has no known shape.`);
  return {
    cutId,
    backboneIds: order.filter((id) => frozen.has(id)),
    headIds,
    featureShape: shape.slice(1).map((d) => d ?? 0),
  };
}

/**
 * The head alone as a spec: an Input of the feature shape (id `features`) in place of the cut, then
 * the head's own layers and edges, ids unchanged (so its weights carry the full model's names).
 */
export function headSpec(spec: ModelSpec, split: FrozenSplit): ModelSpec {
  const inputId = "features";
  const head = new Set(split.headIds);
  return {
    version: MODEL_SPEC_VERSION,
    inputs: [inputId],
    nodes: [
      { id: inputId, type: "InputLayer", params: { shape: split.featureShape } },
      ...spec.nodes.filter((n) => head.has(n.id)),
    ],
    edges: spec.edges
      .filter((e) => head.has(e.to))
      .map((e) => (e.from === split.cutId ? { ...e, from: inputId } : e)),
    outputs: spec.outputs,
  };
}

/**
 * The ids of the top `count` backbone layers that hold weights, nearest the cut first: what
 * fine-tuning unfreezes.
 */
export function topWeightedLayers(spec: ModelSpec, split: FrozenSplit, count: number): string[] {
  const byId = new Map(spec.nodes.map((n) => [n.id, n]));
  const weighted = split.backboneIds.filter((id) => {
    const node = byId.get(id);
    return node !== undefined && weightSuffixes(node.type, node.params).length > 0;
  });
  return weighted.reverse().slice(0, Math.max(0, count));
}
