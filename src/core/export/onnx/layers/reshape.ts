import { int } from "../graph";
import { firstInput, knownDims, type LayerWriter } from "./context";

/** Flatten, Reshape and the merge layers: they stay in tf.js's NHWC order, so Flatten agrees. */

export const writeFlatten: LayerWriter = (context) =>
  context.graph.op("Flatten", [firstInput(context)], context.node.id, { axis: int(1) });

/** Reshape to the inferred output shape (any -1 already worked out), the batch kept as -1. */
export const writeReshape: LayerWriter = (context) => {
  const { graph, node } = context;
  const target = knownDims(context, context.outputShape);
  const shape = graph.int64Tensor(`${node.id}/shape`, [target.length + 1], [-1, ...target]);
  return graph.op("Reshape", [firstInput(context), shape], node.id);
};

/** Adds or multiplies the inputs pairwise in order, as tf.js does. */
function elementwise(opType: "Add" | "Mul"): LayerWriter {
  return (context) => {
    const { graph, node } = context;
    const [first, ...rest] = context.inputs;
    if (first === undefined) return context.fail("it has no input");
    return rest.reduce((sum, next) => graph.op(opType, [sum, next], node.id), first);
  };
}

export const writeAdd = elementwise("Add");
export const writeMultiply = elementwise("Mul");

export const writeConcatenate: LayerWriter = (context) => {
  const rank = context.outputShape.length;
  const axis = Number(context.params.axis);
  return context.graph.op("Concat", context.inputs, context.node.id, {
    axis: int(axis < 0 ? rank + axis : axis),
  });
};
