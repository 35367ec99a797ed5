import type { ModelSpec } from "./spec";

/** Where a node sits on the canvas, in canvas pixels. Kept beside the spec, never in it. */
export interface Position {
  x: number;
  y: number;
}

export type Layout = Record<string, Position>;

export const NODE_WIDTH = 220;
export const ROW_HEIGHT = 120;

/**
 * Top-to-bottom layered layout: each layer's row is the longest path to it from a node without
 * inputs; nodes in a row are centred side by side. Nodes caught in a cycle go on a last row.
 */
export function autoLayout(spec: ModelSpec): Layout {
  const depth = new Map<string, number>();
  const incoming = new Map(spec.nodes.map((node) => [node.id, 0]));
  for (const edge of spec.edges)
    if (incoming.has(edge.to)) incoming.set(edge.to, (incoming.get(edge.to) ?? 0) + 1);
  const queue = spec.nodes.filter((node) => incoming.get(node.id) === 0).map((node) => node.id);
  for (const id of queue) depth.set(id, 0);
  while (queue.length > 0) {
    const id = queue.shift() as string;
    for (const edge of spec.edges) {
      if (edge.from !== id || !incoming.has(edge.to)) continue;
      depth.set(edge.to, Math.max(depth.get(edge.to) ?? 0, (depth.get(id) ?? 0) + 1));
      const remaining = (incoming.get(edge.to) ?? 0) - 1;
      incoming.set(edge.to, remaining);
      if (remaining === 0) queue.push(edge.to);
    }
  }
  const lastRow = Math.max(-1, ...depth.values()) + 1;
  const rows = new Map<number, string[]>();
  for (const node of spec.nodes) {
    const row = depth.get(node.id) ?? lastRow;
    rows.set(row, [...(rows.get(row) ?? []), node.id]);
  }
  const layout: Layout = {};
  for (const [row, ids] of rows) {
    ids.forEach((id, i) => {
      layout[id] = { x: (i - (ids.length - 1) / 2) * (NODE_WIDTH + 40), y: row * ROW_HEIGHT };
    });
  }
  return layout;
}

/** A free spot below everything, for a node added without a position. */
export function spotBelow(layout: Layout, near?: Position): Position {
  if (near) return { x: near.x, y: near.y + ROW_HEIGHT };
  const ys = Object.values(layout).map((p) => p.y);
  return { x: 0, y: ys.length === 0 ? 0 : Math.max(...ys) + ROW_HEIGHT };
}
