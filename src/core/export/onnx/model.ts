import { onnx } from "onnx-proto";
import { paramsWithDefaults } from "../../model/catalog";
import { analyzeGraph, inputsOf } from "../../model/graph";
import type { Shape } from "../../model/shape";
import type { LayerNode, ModelSpec } from "../../model/spec";
import type { StoredTensor } from "../../train/types";
import { OnnxExportError } from "./errors";
import { GraphBuilder } from "./graph";
import type { LayerContext, LayerWriter } from "./layers/context";
import { LAYER_WRITERS } from "./layers/writers";

export { OnnxExportError } from "./errors";

/** The ONNX versions every exported model declares. */
export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;
/** The name of the symbolic batch dimension of every input and output. */
export const BATCH_DIMENSION = "batch";

/** Graph pieces so another writer (the raw-column pipeline) can prepend its own nodes. */
export interface OnnxGraphParts {
  nodes: onnx.INodeProto[];
  initializers: onnx.ITensorProto[];
  /** The graph inputs (float32): one per InputLayer, named prefix + node id, NHWC like tf.js. */
  inputs: Array<{ name: string; shape: number[] /* without batch */ }>;
  /** The graph outputs (float32): one per spec output, named prefix + node id. */
  outputs: Array<{ name: string; shape: number[] /* without batch */ }>;
}

/** Sizes after the batch dimension; every size is known in a valid spec with fixed input shapes. */
function withoutBatch(shape: Shape | undefined, nodeId: string): number[] {
  const dims = (shape ?? []).slice(1);
  if (shape === undefined || dims.some((dim) => dim === null)) {
    throw new OnnxExportError(`Layer “${nodeId}” has an output size that is not known.`, [nodeId]);
  }
  return dims as number[];
}

/** Hands each node its own weights, by name, and notes which were used. */
class WeightStore {
  private readonly byName = new Map<string, StoredTensor>();
  readonly used = new Set<string>();

  constructor(weights: StoredTensor[]) {
    for (const weight of weights) this.byName.set(weight.name, weight);
  }

  take(node: LayerNode, suffix: string, shape: number[]): Float32Array {
    const name = `${node.id}/${suffix}`;
    const weight = this.byName.get(name);
    if (!weight) {
      throw new OnnxExportError(
        `Layer “${node.id}” (${node.type}) has no trained weight “${name}”; the weights do not belong to this model.`,
        [node.id],
      );
    }
    const same =
      weight.shape.length === shape.length && weight.shape.every((d, i) => d === shape[i]);
    if (!same || weight.values.length !== shape.reduce((a, b) => a * b, 1)) {
      throw new OnnxExportError(
        `Layer “${node.id}” (${node.type}): weight “${name}” has shape [${weight.shape.join(",")}] but the model needs [${shape.join(",")}].`,
        [node.id],
      );
    }
    this.used.add(name);
    return weight.values;
  }
}

function contextFor(
  graph: GraphBuilder,
  node: LayerNode,
  inputs: string[],
  shapes: { inputs: Shape[]; output: Shape },
  weights: WeightStore,
): LayerContext {
  return {
    graph,
    node,
    params: paramsWithDefaults(node.type, node.params),
    inputs,
    inputShapes: shapes.inputs,
    outputShape: shapes.output,
    weight: (suffix, shape) => weights.take(node, suffix, shape),
    fail: (reason) => {
      throw new OnnxExportError(
        `Layer “${node.id}” (${node.type}) cannot be exported to ONNX: ${reason}.`,
        [node.id],
      );
    },
  };
}

/**
 * The ONNX nodes and initializers computing `spec` with its trained `weights` (every weight of the
 * tf.js model `buildModel(spec)` builds, named by original name such as `dense_1/kernel`). Inputs
 * and outputs keep tf.js's layout (NHWC for images); every name starts with `options.prefix`.
 * Throws OnnxExportError naming the layers that cannot be written faithfully.
 */
export function onnxGraphParts(
  spec: ModelSpec,
  weights: StoredTensor[],
  options: { prefix?: string } = {},
): OnnxGraphParts {
  const analysis = analyzeGraph(spec);
  if (!analysis.isValid) {
    const broken = analysis.problems.flatMap((problem) => (problem.nodeId ? [problem.nodeId] : []));
    const first = analysis.problems[0];
    const where = first?.nodeId ? ` at layer “${first.nodeId}”` : "";
    throw new OnnxExportError(
      `The model cannot be exported${where}: ${first?.message ?? "it has problems"}`,
      broken,
    );
  }
  const prefix = options.prefix ?? "";
  const graph = new GraphBuilder(prefix);
  const store = new WeightStore(weights);
  const byId = new Map(spec.nodes.map((node) => [node.id, node]));
  const tensors = new Map<string, string>();
  const shapeOf = (id: string) => analysis.nodes[id]?.shape ?? [];

  const inputs = spec.inputs.map((id) => {
    const name = graph.claim(`${prefix}${id}`);
    tensors.set(id, name);
    return { name, shape: withoutBatch(shapeOf(id), id) };
  });
  const outputNames = spec.outputs.map((id) =>
    spec.inputs.includes(id) ? graph.claim(`${prefix}${id}_output`) : graph.claim(prefix + id),
  );

  for (const id of analysis.order) {
    const node = byId.get(id);
    if (!node || node.type === "InputLayer") continue;
    const inputIds = inputsOf(spec, id);
    const inputTensors = inputIds.map((inputId) => tensors.get(inputId) ?? "");
    const shapes = { inputs: inputIds.map(shapeOf), output: shapeOf(id) };
    const context = contextFor(graph, node, inputTensors, shapes, store);
    // The record covers every type; a type from outside the catalog still gets a clear message.
    const write: LayerWriter | undefined = LAYER_WRITERS[node.type as keyof typeof LAYER_WRITERS];
    tensors.set(
      id,
      write ? write(context) : context.fail("the studio does not know this layer type"),
    );
  }
  const unused = weights.filter((weight) => !store.used.has(weight.name));
  if (unused.length > 0) {
    throw new OnnxExportError(
      `The weights do not belong to this model: ${unused.map((w) => w.name).join(", ")} ${unused.length === 1 ? "is" : "are"} not used by any layer.`,
    );
  }

  const outputs = spec.outputs.map((id, i) => {
    const name = outputNames[i] as string;
    graph.nodes.push({
      opType: "Identity",
      name: graph.uniqueName(`${id}/output`),
      input: [tensors.get(id) ?? ""],
      output: [name],
    });
    return { name, shape: withoutBatch(shapeOf(id), id) };
  });
  return { nodes: graph.nodes, initializers: graph.initializers, inputs, outputs };
}

/** A float32 value with a symbolic batch dimension first. */
export function batchedValueInfo(name: string, shape: number[]): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: {
          dim: [{ dimParam: BATCH_DIMENSION }, ...shape.map((dimValue) => ({ dimValue }))],
        },
      },
    },
  };
}

/**
 * The model as an ONNX file (opset 17, IR version 8): inputs named after the InputLayer nodes,
 * outputs after the output nodes, both float32 with a symbolic "batch" first dimension and the
 * layout tf.js uses. Throws OnnxExportError naming the layers that cannot be written faithfully.
 */
export function exportOnnxModel(
  spec: ModelSpec,
  weights: StoredTensor[],
  options: { graphName?: string } = {},
): Uint8Array {
  const parts = onnxGraphParts(spec, weights);
  const model = onnx.ModelProto.create({
    irVersion: ONNX_IR_VERSION,
    opsetImport: [{ domain: "", version: ONNX_OPSET }],
    producerName: "Model Studio",
    graph: {
      name: options.graphName ?? "model",
      node: parts.nodes,
      initializer: parts.initializers,
      input: parts.inputs.map((input) => batchedValueInfo(input.name, input.shape)),
      output: parts.outputs.map((output) => batchedValueInfo(output.name, output.shape)),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
