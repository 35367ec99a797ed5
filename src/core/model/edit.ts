import { defaultParams } from "./catalog";
import { canConnect, connectionRefusal } from "./connections";
import { reachable, successorsOf } from "./graph";
import { freshNodeId, type Edge, type LayerType, type ModelSpec, type ParamValue } from "./spec";

/**
 * Pure edits of a ModelSpec, as the canvas makes them. Each returns a new spec whose `inputs` and
 * `outputs` are derived again from the graph (see `withDerivedEnds`), so the canvas never has to
 * keep them by hand.
 */

/**
 * Inputs: every InputLayer, in node order. Outputs: every layer that feeds nothing and can be
 * reached from an input (a table model has exactly one; analysis reports several or none).
 */
export function withDerivedEnds(spec: ModelSpec): ModelSpec {
  const inputs = spec.nodes.filter((node) => node.type === "InputLayer").map((node) => node.id);
  const reached = reachable(inputs, (id) => successorsOf(spec, id));
  const feeds = new Set(spec.edges.map((edge) => edge.from));
  const outputs = spec.nodes
    .filter((node) => node.type !== "InputLayer" && reached.has(node.id) && !feeds.has(node.id))
    .map((node) => node.id);
  const same = (a: string[], b: string[]) =>
    a.length === b.length && a.every((id, i) => id === b[i]);
  return same(inputs, spec.inputs) && same(outputs, spec.outputs)
    ? spec
    : { ...spec, inputs, outputs };
}

function nextInputIndex(spec: ModelSpec, to: string): number {
  const used = spec.edges.filter((edge) => edge.to === to).map((edge) => edge.toIndex);
  return used.length === 0 ? 0 : Math.max(...used) + 1;
}

/** Where a new layer is wired in: right after one node, right before one, or nowhere. */
export type Placement = { after: string } | { before: string } | null;

/**
 * Where a layer added without a place (a palette press, a drop) belongs: after the selected layer;
 * with none selected, just before the output so the head stays last; in a model with no output
 * yet, after its lone unconnected Input. Input layers are never wired in.
 */
export function placementFor(
  spec: ModelSpec,
  type: LayerType,
  selectedId: string | null,
): Placement {
  if (type === "InputLayer") return null;
  if (selectedId && spec.nodes.some((node) => node.id === selectedId)) return { after: selectedId };
  const [output, ...others] = spec.outputs;
  if (output !== undefined && others.length === 0) return { before: output };
  if (spec.outputs.length === 0 && spec.inputs.length === 1) {
    const input = spec.inputs[0] as string;
    if (!spec.edges.some((edge) => edge.from === input)) return { after: input };
  }
  return null;
}

/**
 * Adds a layer with the catalog's defaults. With `after`, the layer goes right after that node: it
 * takes the node's output and, when the node already fed other layers, feeds them in its place.
 * With `before`, it takes that node's first input (if any) and feeds the node in its place.
 */
export function addLayer(
  spec: ModelSpec,
  type: LayerType,
  options: {
    after?: string | null;
    before?: string | null;
    params?: Record<string, ParamValue>;
  } = {},
): { spec: ModelSpec; id: string } {
  const id = freshNodeId(spec, type);
  const node = { id, type, params: { ...defaultParams(type), ...options.params } };
  let edges = spec.edges;
  const wired = type !== "InputLayer";
  const after = wired && options.after ? options.after : null;
  const before = wired && options.before ? options.before : null;
  if (after && spec.nodes.some((n) => n.id === after)) {
    edges = [
      ...spec.edges.map((edge) => (edge.from === after ? { ...edge, from: id } : edge)),
      { from: after, to: id, toIndex: 0 },
    ];
  } else if (before && spec.nodes.some((n) => n.id === before)) {
    const first = spec.edges.find((edge) => edge.to === before && edge.toIndex === 0);
    edges = [
      ...spec.edges.map((edge) => (edge === first ? { ...edge, to: id } : edge)),
      { from: id, to: before, toIndex: 0 },
    ];
  }
  return { spec: withDerivedEnds({ ...spec, nodes: [...spec.nodes, node], edges }), id };
}

/**
 * Removes layers and their connections. A removed layer with exactly one input is bridged: what it
 * fed is fed by its input instead, so deleting a layer from a chain keeps the chain whole.
 */
export function removeLayers(spec: ModelSpec, ids: readonly string[]): ModelSpec {
  let current = spec;
  for (const id of ids) {
    const incoming = current.edges.filter((edge) => edge.to === id);
    const bridge = incoming.length === 1 ? incoming[0]?.from : undefined;
    const edges: Edge[] = [];
    for (const edge of current.edges) {
      if (edge.to === id) continue;
      if (edge.from === id) {
        const bridged = { ...edge, from: bridge ?? "" };
        const exists = (list: Edge[]) =>
          list.some((e) => e.from === bridged.from && e.to === bridged.to);
        // Bridging never doubles a connection that is already there (a skip link around the layer).
        if (
          bridge !== undefined &&
          bridge !== edge.to &&
          !exists(current.edges) &&
          !exists(edges)
        ) {
          edges.push(bridged);
        }
        continue;
      }
      edges.push(edge);
    }
    current = { ...current, nodes: current.nodes.filter((node) => node.id !== id), edges };
  }
  return withDerivedEnds(current);
}

/**
 * Connects `from`'s output to the next free input of `to`; returns the spec unchanged when the
 * connection may not be made (connections.ts: self-loops, duplicates, locked or full targets).
 */
export function connect(spec: ModelSpec, from: string, to: string): ModelSpec {
  if (!canConnect(spec, from, to)) return spec;
  const edge = { from, to, toIndex: nextInputIndex(spec, to) };
  return withDerivedEnds({ ...spec, edges: [...spec.edges, edge] });
}

/** Removes one connection; the target's later inputs move up so indices stay 0, 1, 2… */
export function disconnect(spec: ModelSpec, from: string, to: string): ModelSpec {
  const removed = spec.edges.find((edge) => edge.from === from && edge.to === to);
  if (!removed) return spec;
  const edges = spec.edges
    .filter((edge) => edge !== removed)
    .map((edge) =>
      edge.to === to && edge.toIndex > removed.toIndex
        ? { ...edge, toIndex: edge.toIndex - 1 }
        : edge,
    );
  return withDerivedEnds({ ...spec, edges });
}

/**
 * Moves one end of a connection to another layer. Moving its source keeps the input's position
 * (Concatenate's order stays); moving its target makes it the new target's last input.
 */
export function reconnect(
  spec: ModelSpec,
  old: { from: string; to: string },
  next: { from: string; to: string },
): ModelSpec {
  if (next.from === old.from && next.to === old.to) return spec;
  const edge = spec.edges.find((e) => e.from === old.from && e.to === old.to);
  if (!edge) return spec;
  // The connection being moved frees its input: judge the new one without it.
  const others = spec.edges.filter((e) => e !== edge);
  if (connectionRefusal(spec, next.from, next.to, others) !== null) return spec;
  if (next.to === old.to) {
    const edges = spec.edges.map((e) => (e === edge ? { ...e, from: next.from } : e));
    return withDerivedEnds({ ...spec, edges });
  }
  return connect(disconnect(spec, old.from, old.to), next.from, next.to);
}

export function updateParams(
  spec: ModelSpec,
  id: string,
  params: Record<string, ParamValue>,
): ModelSpec {
  return {
    ...spec,
    nodes: spec.nodes.map((node) =>
      node.id === id ? { ...node, params: { ...node.params, ...params } } : node,
    ),
  };
}

/** A copy of a layer with the same parameters, unconnected. */
export function duplicateLayer(
  spec: ModelSpec,
  id: string,
): { spec: ModelSpec; id: string } | null {
  const node = spec.nodes.find((candidate) => candidate.id === id);
  if (!node) return null;
  return addLayer(spec, node.type, { params: structuredClone(node.params) });
}
