import type { ModelSpec } from "./spec";

/**
 * Groups of layers that came in together from a pretrained model (`LayerNode.group`). The canvas
 * draws each as one locked block standing at its "block" node: the member the rest of the model
 * reads (the cut), so connections to the head need no translating.
 */
export interface LayerGroupBlock {
  name: string;
  /** The member whose output leaves the group (else the last member). */
  blockId: string;
  /** Every member, in spec order. */
  memberIds: string[];
}

export function layerGroups(spec: ModelSpec): LayerGroupBlock[] {
  const members = new Map<string, string[]>();
  for (const node of spec.nodes) {
    if (node.group) members.set(node.group, [...(members.get(node.group) ?? []), node.id]);
  }
  return [...members].map(([name, memberIds]) => {
    const inside = new Set(memberIds);
    const leaving = spec.edges.find((e) => inside.has(e.from) && !inside.has(e.to));
    return {
      name,
      blockId: leaving?.from ?? (memberIds[memberIds.length - 1] as string),
      memberIds,
    };
  });
}

/**
 * The spec as the canvas lays it out: each group reduced to its block node (inputs of the block
 * dropped), so a group takes one row whatever its depth.
 */
export function collapseGroups(spec: ModelSpec): ModelSpec {
  const hidden = new Set<string>();
  const blocks = new Set<string>();
  for (const group of layerGroups(spec)) {
    blocks.add(group.blockId);
    for (const id of group.memberIds) if (id !== group.blockId) hidden.add(id);
  }
  if (hidden.size === 0) return spec;
  return {
    ...spec,
    nodes: spec.nodes.filter((n) => !hidden.has(n.id)),
    edges: spec.edges.filter((e) => !hidden.has(e.from) && !hidden.has(e.to) && !blocks.has(e.to)),
    inputs: spec.inputs.filter((id) => !hidden.has(id)),
  };
}
