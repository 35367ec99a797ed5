import { reachable, successorsOf } from "./graph";
import { collapseGroups, layerGroups } from "./groups";
import type { ModelSpec } from "./spec";

/** Where a node sits on the canvas, in canvas pixels. Kept beside the spec, never in it. */
export interface Position {
  x: number;
  y: number;
}

export type Layout = Record<string, Position>;

export const NODE_WIDTH = 220;
export const ROW_HEIGHT = 120;
/** How much taller a pretrained block is than a layer node. */
const BLOCK_EXTRA_HEIGHT = 50;

/**
 * Top-to-bottom layered layout: each layer's row is the longest path to it from a node without
 * inputs; nodes in a row are centred side by side. Nodes caught in a cycle go on a last row.
 */
export function autoLayout(full: ModelSpec): Layout {
  // A pretrained block is drawn as one node (its cut); its hidden layers stand where it stands.
  const spec = collapseGroups(full);
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
  // A pretrained block is taller than a layer: the rows below each one move down to clear it.
  const blockRows = layerGroups(full).map((g) => depth.get(g.blockId) ?? lastRow);
  const offset = (row: number) => blockRows.filter((r) => r < row).length * BLOCK_EXTRA_HEIGHT;
  for (const [row, ids] of rows) {
    ids.forEach((id, i) => {
      layout[id] = {
        x: (i - (ids.length - 1) / 2) * (NODE_WIDTH + 40),
        y: row * ROW_HEIGHT + offset(row),
      };
    });
  }
  for (const group of layerGroups(full)) {
    const at = layout[group.blockId];
    if (at) for (const id of group.memberIds) layout[id] = { ...at };
  }
  return layout;
}

/** A free spot below everything, for a node added without a position. */
export function spotBelow(layout: Layout, near?: Position): Position {
  if (near) return { x: near.x, y: near.y + ROW_HEIGHT };
  const ys = Object.values(layout).map((p) => p.y);
  return { x: 0, y: ys.length === 0 ? 0 : Math.max(...ys) + ROW_HEIGHT };
}

/** The room a node takes for overlap checks, in canvas pixels (nodes are 200 wide, ~80 tall). */
const NODE_BOX = { width: 210, height: 100 };

/** True when nodes placed at `a` and `b` would cover each other. */
export function overlaps(a: Position, b: Position): boolean {
  return Math.abs(a.x - b.x) < NODE_BOX.width && Math.abs(a.y - b.y) < NODE_BOX.height;
}

/** The first spot at `desired` or to its right, a column at a time, where no node in `layout` is. */
export function freeSpot(layout: Layout, desired: Position): Position {
  const others = Object.values(layout);
  let spot = desired;
  while (others.some((other) => overlaps(other, spot)))
    spot = { x: spot.x + NODE_WIDTH + 40, y: spot.y };
  return spot;
}

/**
 * Places node `id`, just wired into `spec`, on the canvas: a row below the layer feeding it (or
 * where the layer it now feeds was), pushing the layers downstream of it a row down, then moved
 * right until it covers no other node. `dropped` is where a person dropped it, kept if free.
 */
export function placeInserted(
  spec: ModelSpec,
  layout: Layout,
  id: string,
  dropped?: Position,
): Layout {
  const placed: Layout = { ...layout };
  delete placed[id];
  const feeder = spec.edges.find((edge) => edge.to === id)?.from;
  const fed = spec.edges.filter((edge) => edge.from === id).map((edge) => edge.to);
  const above = feeder !== undefined ? placed[feeder] : undefined;
  const firstFed = fed.map((next) => placed[next]).find((p) => p !== undefined);
  const desired =
    dropped ??
    (above
      ? { x: above.x, y: above.y + ROW_HEIGHT }
      : firstFed
        ? { ...firstFed }
        : spotBelow(placed));
  if (!dropped && fed.length > 0) {
    for (const next of reachable(fed, (node) => successorsOf(spec, node))) {
      const p = placed[next];
      if (p && p.y > desired.y - ROW_HEIGHT / 2) placed[next] = { x: p.x, y: p.y + ROW_HEIGHT };
    }
  }
  placed[id] = freeSpot(placed, desired);
  return placed;
}
