import { LAYER_CATALOG } from "./catalog";
import type { LayerNode, ModelSpec } from "./spec";

/**
 * The rules for editing the graph's wiring, written once: the canvas (while a connection is
 * dragged), `connect()` in edit.ts and the inspector's "Connect an input from" list all ask here.
 */

/**
 * A layer of a pretrained block (weights kept as loaded): it leaves only with the whole model, is
 * not copied on its own and takes no new inputs.
 */
export function isLockedLayer(node: LayerNode | undefined): boolean {
  return node?.trainable === false;
}

/** Why a connection may not be made. */
export type ConnectionRefusal =
  /** `from` or `to` is not a layer of the spec. */
  | "unknown-layer"
  /** A layer cannot feed itself. */
  | "self"
  /** `from` already feeds `to`. */
  | "duplicate"
  /** `to` belongs to a locked pretrained block. */
  | "locked"
  /** `to` takes no more inputs (an Input takes none, most layers one). */
  | "inputs-full";

/**
 * Why `from`'s output may not feed the next free input of `to`, or null when it may. `edges` are
 * the spec's connections (a reconnection passes them without the one it moves).
 */
export function connectionRefusal(
  spec: ModelSpec,
  from: string,
  to: string,
  edges: ModelSpec["edges"] = spec.edges,
): ConnectionRefusal | null {
  const target = spec.nodes.find((node) => node.id === to);
  if (!target || !spec.nodes.some((node) => node.id === from)) return "unknown-layer";
  if (from === to) return "self";
  if (edges.some((edge) => edge.from === from && edge.to === to)) return "duplicate";
  if (isLockedLayer(target)) return "locked";
  const taken = edges.filter((edge) => edge.to === to).length;
  if (taken >= LAYER_CATALOG[target.type].maxInputs) return "inputs-full";
  return null;
}

/** Whether `from`'s output may feed the next free input of `to` (see connectionRefusal). */
export function canConnect(spec: ModelSpec, from: string, to: string): boolean {
  return connectionRefusal(spec, from, to) === null;
}
