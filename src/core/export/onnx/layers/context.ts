import type { Shape } from "../../../model/shape";
import type { LayerNode, ParamValue } from "../../../model/spec";
import type { GraphBuilder } from "../graph";

/** What a layer writer gets for one node of the spec. */
export interface LayerContext {
  graph: GraphBuilder;
  node: LayerNode;
  /** The node's parameters with the catalog's defaults filled in. */
  params: Record<string, ParamValue>;
  /** ONNX tensor names of the node's inputs, in `toIndex` order; each is NHWC like tf.js's. */
  inputs: string[];
  /** The inferred shapes of the inputs and of the output, batch first (`null`). */
  inputShapes: Shape[];
  outputShape: Shape;
  /**
   * The trained values of the node's weight `<node id>/<suffix>`; throws OnnxExportError when it is
   * missing or its shape is not `shape`.
   */
  weight(suffix: string, shape: number[]): Float32Array;
  /** Throws OnnxExportError naming this node. */
  fail(reason: string): never;
}

/** Writes one node's ONNX nodes and returns the name of the tensor holding its output. */
export type LayerWriter = (context: LayerContext) => string;

/** The sizes of a shape after the batch dimension; throws when one is not known. */
export function knownDims(context: LayerContext, shape: Shape): number[] {
  const dims = shape.slice(1);
  if (dims.some((dim) => dim === null)) context.fail("its input has a size that is not known");
  return dims as number[];
}

export function inputShape(context: LayerContext, index = 0): number[] {
  return knownDims(context, context.inputShapes[index] ?? []);
}

export function firstInput(context: LayerContext): string {
  const input = context.inputs[0];
  if (input === undefined) return context.fail("it has no input");
  return input;
}
