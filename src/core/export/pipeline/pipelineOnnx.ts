/**
 * `onnx/pipeline.onnx`: raw columns in, the model's answer out, so a server can take raw records.
 * One graph input per input column (named exactly as the column, shape [batch, 1]), the fitted
 * imputation, scaling, one-hot and date features inside, concatenated in
 * `preprocessing.featureNames` order, then the network, then (regression) the target's
 * standardisation undone. Opset 17 plus ai.onnx.ml opset 3 (LabelEncoder).
 */
import { onnx } from "onnx-proto";
import type { Preprocessing } from "../../data/types";
import { kindOf } from "../../data/columnKinds";
import { ML_DOMAIN, PipelineGraph } from "./pipelineGraph";

export const PIPELINE_OPSET = 17;
export const PIPELINE_ML_OPSET = 3;
export const PIPELINE_IR_VERSION = 8;
const BATCH = "batch";

/** The network's ONNX pieces (as `onnxGraphParts` gives them; shapes without the batch dim). */
export interface NetworkGraphParts {
  nodes: onnx.INodeProto[];
  initializers: onnx.ITensorProto[];
  inputs: Array<{ name: string; shape: number[] }>;
  outputs: Array<{ name: string; shape: number[] }>;
}

export interface PipelineTensor {
  name: string;
  /** Element type: float32 or string (Open Inference Protocol: FP32 or BYTES). */
  type: "float" | "string";
  /** Shape without the batch dimension. */
  shape: number[];
}

export interface PipelineSignature {
  /** One per `preprocessing.inputs` entry, in that order. */
  inputs: PipelineTensor[];
  /** `probabilities` [classes] (classification) or `value` [1] in the target's units. */
  output: PipelineTensor;
}

/** The pipeline's graph inputs and its output, for the serving configs and example requests. */
export function pipelineSignature(preprocessing: Preprocessing, outputWidth: number) {
  const inputs: PipelineTensor[] = preprocessing.inputs.map((t) => ({
    name: t.column,
    type: kindOf(t).pipelineInput,
    shape: [1],
  }));
  const taken = new Set(inputs.map((i) => i.name));
  let name = preprocessing.task === "classification" ? "probabilities" : "value";
  while (taken.has(name)) name = `${name}_output`;
  const output: PipelineTensor = { name, type: "float", shape: [outputWidth] };
  return { inputs, output } satisfies PipelineSignature;
}

/**
 * `base` (such as "net/"), or a variant of it, that no column name starts with: internal ONNX names
 * carry it, so they can never equal a graph input named after a column.
 */
export function namePrefix(base: string, columns: string[]): string {
  let prefix = base;
  for (let n = 2; columns.some((c) => c.startsWith(prefix)); n++)
    prefix = `${base.slice(0, -1)}${n}/`;
  return prefix;
}

const columnsOf = (preprocessing: Preprocessing) => preprocessing.inputs.map((t) => t.column);

function valueInfo(tensor: PipelineTensor): onnx.IValueInfoProto {
  const elemType =
    tensor.type === "float" ? onnx.TensorProto.DataType.FLOAT : onnx.TensorProto.DataType.STRING;
  const dim = [{ dimParam: BATCH }, ...tensor.shape.map((dimValue) => ({ dimValue }))];
  return { name: tensor.name, type: { tensorType: { elemType, shape: { dim } } } };
}

/** Adds the preprocessing nodes; returns the feature tensor's name ([batch, featureCount]). */
function addPreprocessing(g: PipelineGraph, preprocessing: Preprocessing): string {
  const pieces = preprocessing.inputs
    .map((t) => kindOf(t).graph(g, t.column, t))
    .filter((piece): piece is string => piece !== null);
  if (pieces.length === 0) throw new Error("The preprocessing produces no features.");
  return pieces.length === 1 ? (pieces[0] as string) : g.op("Concat", pieces, { axis: { int: 1 } });
}

function encodeModel(graph: onnx.IGraphProto): Uint8Array {
  const model: onnx.IModelProto = {
    irVersion: PIPELINE_IR_VERSION,
    opsetImport: [
      { domain: "", version: PIPELINE_OPSET },
      { domain: ML_DOMAIN, version: PIPELINE_ML_OPSET },
    ],
    producerName: "Model Studio",
    graph,
  };
  return onnx.ModelProto.encode(model).finish();
}

/**
 * The preprocessing alone as an ONNX model: raw columns in, `features` [batch, featureCount] out.
 * What `transformRecord` computes, for checking the pipeline's first half on its own.
 */
export function preprocessingOnnxModel(preprocessing: Preprocessing): Uint8Array {
  const g = new PipelineGraph(namePrefix("pre/", columnsOf(preprocessing)));
  const features = addPreprocessing(g, preprocessing);
  const signature = pipelineSignature(preprocessing, preprocessing.featureNames.length);
  const output = {
    name: "features",
    type: "float" as const,
    shape: [preprocessing.featureNames.length],
  };
  g.nodes.push({
    opType: "Identity",
    input: [features],
    output: [output.name],
    name: "features/node",
  });
  return encodeModel({
    name: "preprocessing",
    node: g.nodes,
    initializer: g.initializers,
    input: signature.inputs.map(valueInfo),
    output: [valueInfo(output)],
  });
}

/**
 * The whole pipeline: `network` must be the model's graph parts made with a prefix (so its names
 * cannot meet the column names), with one input of [featureCount] and one output.
 */
export function pipelineOnnxModel(
  preprocessing: Preprocessing,
  network: NetworkGraphParts,
  graphName = "pipeline",
): Uint8Array {
  const [networkInput] = network.inputs;
  const [networkOutput] = network.outputs;
  const featureCount = preprocessing.featureNames.length;
  if (
    network.inputs.length !== 1 ||
    network.outputs.length !== 1 ||
    !networkInput ||
    !networkOutput
  ) {
    throw new Error("The table pipeline needs a model with one input and one output.");
  }
  if (networkInput.shape.length !== 1 || networkInput.shape[0] !== featureCount) {
    throw new Error(
      `The model takes [${networkInput.shape.join(", ")}] but the table gives ${featureCount} features.`,
    );
  }
  const g = new PipelineGraph(namePrefix("pre/", columnsOf(preprocessing)));
  const features = addPreprocessing(g, preprocessing);
  g.nodes.push({
    opType: "Identity",
    input: [features],
    output: [networkInput.name],
    name: `${g.prefix}into_network`,
  });
  const head = [...g.nodes];
  const width = networkOutput.shape.reduce((a, b) => a * b, 1);
  const signature = pipelineSignature(preprocessing, width);
  const { label } = preprocessing;
  const answer =
    label.kind === "standardized"
      ? g.op("Add", [g.op("Mul", [networkOutput.name, g.scalar(label.std)]), g.scalar(label.mean)])
      : networkOutput.name;
  g.nodes.push({
    opType: "Identity",
    input: [answer],
    output: [signature.output.name],
    name: `${g.prefix}answer`,
  });
  return encodeModel({
    name: graphName,
    // Nodes in order: preprocessing, the network, then the answer computed from its output.
    node: [...head, ...network.nodes, ...g.nodes.slice(head.length)],
    initializer: [...g.initializers, ...network.initializers],
    input: signature.inputs.map(valueInfo),
    output: [valueInfo(signature.output)],
  });
}
