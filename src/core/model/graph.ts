import { LAYER_CATALOG, type ParamCount } from "./catalog";
import { LayerShapeError, type Shape } from "./shape";
import type { ModelSpec } from "./spec";

/** What the studio knows about one node after analysing the graph. */
export interface NodeAnalysis {
  /** Output shape, when it could be inferred. */
  shape?: Shape;
  params?: ParamCount;
  /** The problem at this node, in words a person can act on. */
  error?: string;
  /** True when the shape is unknown because a node upstream has a problem. */
  unknown: boolean;
}

export interface GraphProblem {
  nodeId: string | null;
  message: string;
}

export interface GraphAnalysis {
  /** Node ids in an order where every node comes after its inputs (nodes in a cycle left out). */
  order: string[];
  nodes: Record<string, NodeAnalysis>;
  problems: GraphProblem[];
  trainableParams: number;
  nonTrainableParams: number;
  totalParams: number;
  isValid: boolean;
}

/** Ids of the nodes feeding `nodeId`, ordered by the edge's `toIndex`. */
/** Ids of the nodes `nodeId` feeds. */
export function successorsOf(spec: ModelSpec, nodeId: string): string[] {
  return spec.edges.filter((edge) => edge.from === nodeId).map((edge) => edge.to);
}

export function inputsOf(spec: ModelSpec, nodeId: string): string[] {
  return spec.edges
    .filter((edge) => edge.to === nodeId)
    .sort((a, b) => a.toIndex - b.toIndex)
    .map((edge) => edge.from);
}

function topologicalOrder(spec: ModelSpec): { order: string[]; inCycle: Set<string> } {
  const indegree = new Map(spec.nodes.map((node) => [node.id, 0]));
  for (const edge of spec.edges) {
    if (indegree.has(edge.to) && indegree.has(edge.from)) {
      indegree.set(edge.to, (indegree.get(edge.to) ?? 0) + 1);
    }
  }
  const queue = spec.nodes.filter((node) => indegree.get(node.id) === 0).map((node) => node.id);
  const order: string[] = [];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    order.push(id);
    for (const edge of spec.edges) {
      if (edge.from !== id || !indegree.has(edge.to)) continue;
      const remaining = (indegree.get(edge.to) ?? 0) - 1;
      indegree.set(edge.to, remaining);
      if (remaining === 0) queue.push(edge.to);
    }
  }
  const placed = new Set(order);
  const inCycle = new Set(spec.nodes.map((node) => node.id).filter((id) => !placed.has(id)));
  return { order, inCycle };
}

/** Every node reachable from `start` (included) by following `next`. */
export function reachable(start: readonly string[], next: (id: string) => string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}

/**
 * Infers every node's output shape and parameter count, and finds what is wrong with the graph:
 * unknown references, cycles, disconnected layers, wrong input counts, shape mismatches, no output.
 * A node downstream of a problem is marked `unknown` rather than reported again.
 */
export function analyzeGraph(spec: ModelSpec): GraphAnalysis {
  const nodes: Record<string, NodeAnalysis> = {};
  const problems: GraphProblem[] = [];
  const ids = new Set<string>();
  for (const node of spec.nodes) {
    nodes[node.id] = { unknown: false };
    if (ids.has(node.id))
      problems.push({ nodeId: node.id, message: `Two layers share the id “${node.id}”.` });
    ids.add(node.id);
  }
  const fail = (nodeId: string, message: string) => {
    const entry = nodes[nodeId];
    if (entry && entry.error === undefined) entry.error = message;
    problems.push({ nodeId, message });
  };

  for (const edge of spec.edges) {
    if (!ids.has(edge.from) || !ids.has(edge.to)) {
      problems.push({
        nodeId: null,
        message: `A connection refers to a missing layer (${edge.from} → ${edge.to}).`,
      });
    }
  }
  if (spec.outputs.length === 0) {
    problems.push({
      nodeId: null,
      message:
        "The model has no output yet: add layers after the Input, ending in the layer that gives the prediction.",
    });
  }
  for (const id of [...spec.inputs, ...spec.outputs]) {
    if (!ids.has(id))
      problems.push({ nodeId: null, message: `The model refers to a missing layer “${id}”.` });
  }

  const { order, inCycle } = topologicalOrder(spec);
  // Layers left over by the topological sort are in a loop or only downstream of one; only those
  // that reach themselves are at fault, the rest are marked unknown.
  for (const id of inCycle) {
    if (!reachable(successorsOf(spec, id), (next) => successorsOf(spec, next)).has(id)) continue;
    fail(
      id,
      "This layer is part of a cycle: a layer cannot feed back into itself. Remove one of the connections in the loop.",
    );
  }

  const successors = (id: string) => successorsOf(spec, id);
  const predecessors = (id: string) => spec.edges.filter((e) => e.to === id).map((e) => e.from);
  const fromInputs = reachable(spec.inputs, successors);
  const toOutputs = reachable(spec.outputs, predecessors);

  let trainableParams = 0;
  let nonTrainableParams = 0;
  for (const id of order) {
    const node = spec.nodes.find((candidate) => candidate.id === id);
    const entry = nodes[id];
    if (!node || !entry) continue;
    const definition = LAYER_CATALOG[node.type];
    const inputIds = inputsOf(spec, id);
    if (node.type === "InputLayer" && !spec.inputs.includes(id)) {
      fail(id, "This input is not one of the model's inputs.");
      continue;
    }
    if (node.type !== "InputLayer" && !fromInputs.has(id)) {
      // The break is reported where the chain starts; layers after it are only unknown.
      if (inputIds.length === 0) {
        fail(
          id,
          "This layer is not connected to the input. Connect a layer into it, or delete it.",
        );
      } else {
        entry.unknown = true;
      }
      continue;
    }
    if (inputIds.length < definition.minInputs || inputIds.length > definition.maxInputs) {
      const expected =
        definition.minInputs === definition.maxInputs
          ? `${definition.minInputs}`
          : `${definition.minInputs} to ${definition.maxInputs}`;
      const fix =
        inputIds.length > definition.maxInputs
          ? "Disconnect the extra ones in the inspector, or merge them first with Add or Concatenate."
          : "Connect another layer into it.";
      fail(id, `${definition.label} takes ${expected} input(s) but has ${inputIds.length}. ${fix}`);
      continue;
    }
    const inputShapes: Shape[] = [];
    for (const inputId of inputIds) {
      const upstream = nodes[inputId];
      if (!upstream?.shape) break;
      inputShapes.push(upstream.shape);
    }
    if (inputShapes.length < inputIds.length) {
      entry.unknown = true;
      continue;
    }
    try {
      entry.shape = definition.inferShape(inputShapes, node.params);
      entry.params = definition.countParams(inputShapes, node.params);
      // A frozen layer (a pretrained backbone) keeps its weights: none of them train.
      if (node.trainable === false) {
        entry.params = {
          trainable: 0,
          nonTrainable: entry.params.trainable + entry.params.nonTrainable,
        };
      }
      trainableParams += entry.params.trainable;
      nonTrainableParams += entry.params.nonTrainable;
    } catch (error) {
      if (!(error instanceof LayerShapeError)) throw error;
      fail(id, error.message);
      continue;
    }
    // Shapes are still worth showing on a layer that leads nowhere yet: the graph is being drawn.
    if (spec.outputs.length > 0 && !toOutputs.has(id)) {
      fail(id, "This layer does not lead to the output. Connect it onward, or delete it.");
    }
  }
  for (const id of ids) {
    const entry = nodes[id];
    if (entry && !entry.shape && !entry.error) entry.unknown = true;
  }
  return {
    order: order.filter((id) => !inCycle.has(id)),
    nodes,
    problems,
    trainableParams,
    nonTrainableParams,
    totalParams: trainableParams + nonTrainableParams,
    isValid: problems.length === 0,
  };
}
