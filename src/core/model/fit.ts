import { addLayer, withDerivedEnds } from "./edit";
import { analyzeGraph, type GraphAnalysis } from "./graph";
import { formatShape } from "./shape";
import type { ModelSpec } from "./spec";
import type { DataShape } from "./templates";

/** A mismatch between the model's ends and the data, with whether `fitHeadToData` can fix it. */
export interface DataFitProblem {
  nodeId: string | null;
  message: string;
  fixable: boolean;
}

/** The head the task needs: softmax over the classes, or one linear unit. */
export function headFor(data: DataShape): { units: number; activation: "softmax" | "linear" } {
  return data.task === "classification"
    ? { units: Math.max(2, data.classCount), activation: "softmax" }
    : { units: 1, activation: "linear" };
}

/** Makes every InputLayer take one row of the table's features. Same object when nothing changes. */
export function fitInputsToData(spec: ModelSpec, featureCount: number): ModelSpec {
  let changed = false;
  const nodes = spec.nodes.map((node) => {
    if (node.type !== "InputLayer") return node;
    const shape = node.params.shape;
    if (Array.isArray(shape) && shape.length === 1 && shape[0] === featureCount) return node;
    changed = true;
    return { ...node, params: { ...node.params, shape: [Math.max(1, featureCount)] } };
  });
  return changed ? { ...spec, nodes } : spec;
}

/**
 * What keeps this model from training on this data: not exactly one input or one output, or an
 * output that does not match the task (wrong size, not softmax for classes, not linear for numbers).
 */
export function dataFitProblems(
  spec: ModelSpec,
  analysis: GraphAnalysis,
  data: DataShape,
): DataFitProblem[] {
  const problems: DataFitProblem[] = [];
  if (spec.inputs.length !== 1) {
    problems.push({
      nodeId: null,
      message:
        spec.inputs.length === 0
          ? "The model has no Input layer: add one from the palette; it takes one row of the table."
          : `The model has ${spec.inputs.length} Input layers, but a table feeds one. Delete the extra ones.`,
      fixable: false,
    });
  }
  for (const input of spec.nodes.filter((node) => node.type === "InputLayer")) {
    const shape = input.params.shape;
    if (Array.isArray(shape) && !(shape.length === 1 && shape[0] === data.featureCount)) {
      problems.push({
        nodeId: input.id,
        message: `Each row of the data has ${data.featureCount} features, but this Input takes [${shape.join(",")}]. Keep the Input at [${data.featureCount}] and add a Reshape after it.`,
        fixable: true,
      });
    }
  }
  if (spec.outputs.length > 1) {
    for (const id of spec.outputs) {
      problems.push({
        nodeId: id,
        message: `Several layers end the model (${spec.outputs.join(", ")}); a model for this data has one output. Connect them into one, or delete the extras.`,
        fixable: false,
      });
    }
  }
  const outputId = spec.outputs.length === 1 ? spec.outputs[0] : undefined;
  const output = spec.nodes.find((node) => node.id === outputId);
  const shape = outputId ? analysis.nodes[outputId]?.shape : undefined;
  if (!output || !shape) return problems;
  const head = headFor(data);
  const what = data.task === "classification" ? `${head.units} class probabilities` : "one number";
  if (shape.length !== 2) {
    problems.push({
      nodeId: output.id,
      message: `The model ends in ${formatShape(shape)}, but the task needs ${what} per row. Add Flatten and a Dense layer at the end.`,
      fixable: true,
    });
    return problems;
  }
  const activation =
    output.type === "Dense" || output.type === "Activation" ? output.params.activation : undefined;
  if (shape[1] !== head.units || activation !== head.activation) {
    problems.push({
      nodeId: output.id,
      message:
        data.task === "classification"
          ? `The output must give ${head.units} class probabilities (Dense with ${head.units} units and softmax), but it gives ${formatShape(shape)}${activation ? ` with ${String(activation)}` : ""}.`
          : `The output must be one number (Dense with 1 unit, linear), but it gives ${formatShape(shape)}${activation ? ` with ${String(activation)}` : ""}.`,
      fixable: true,
    });
  }
  return problems;
}

/**
 * The one-click fix: the Input goes back to one row of features, and the last layer becomes the head the task needs when it is a Dense layer;
 * otherwise (after a Flatten, say) a head is appended, flattening first when the output is not 2-D.
 */
export function fitHeadToData(
  given: ModelSpec,
  givenAnalysis: GraphAnalysis,
  data: DataShape,
): ModelSpec {
  const spec = fitInputsToData(given, data.featureCount);
  const analysis = spec === given ? givenAnalysis : analyzeGraph(spec);
  const outputId = spec.outputs.length === 1 ? spec.outputs[0] : undefined;
  const output = spec.nodes.find((node) => node.id === outputId);
  if (!output) return spec;
  const head = headFor(data);
  const shape = analysis.nodes[output.id]?.shape;
  if (output.type === "Dense" && shape?.length === 2) {
    return {
      ...spec,
      nodes: spec.nodes.map((node) =>
        node.id === output.id ? { ...node, params: { ...node.params, ...head } } : node,
      ),
    };
  }
  let current = spec;
  let last = output.id;
  if (shape && shape.length > 2) {
    const flattened = addLayer(current, "Flatten", { after: last });
    current = flattened.spec;
    last = flattened.id;
  }
  return withDerivedEnds(
    addLayer(current, "Dense", { after: last, params: { ...head, useBias: true } }).spec,
  );
}
