/**
 * Open Inference Protocol (v2) requests checked against a model's inputs and turned into ONNX
 * Runtime tensors, and ONNX Runtime outputs turned into v2 output tensors. Every refusal is an
 * InferRequestError whose message names the input and what is wrong with it (answered as 400).
 */
import * as ort from "onnxruntime-node";
import type { LoadedModel, V2TensorMetadata } from "./sessions";

export class InferRequestError extends Error {
  override readonly name = "InferRequestError";
}

export interface V2InputTensor {
  name: string;
  shape: number[];
  datatype: string;
  /** Flat (row-major) or nested as the shape; nested arrays are flattened. */
  data: unknown[];
}

export interface V2InferRequest {
  id?: string;
  inputs: V2InputTensor[];
  outputs?: Array<{ name: string }>;
}

export interface V2OutputTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: Array<number | string | boolean>;
}

const elementCount = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);
const shapeText = (shape: readonly number[]) => `[${shape.join(", ")}]`;
const names = (list: V2TensorMetadata[]) => list.map((t) => t.name).join(", ");

function tensorFor(input: V2InputTensor, expected: V2TensorMetadata): ort.Tensor {
  const label = `Input “${input.name}”`;
  if (input.datatype !== expected.datatype) {
    throw new InferRequestError(
      `${label} has datatype ${input.datatype}; the model expects ${expected.datatype}.`,
    );
  }
  if (input.shape.length !== expected.shape.length) {
    throw new InferRequestError(
      `${label} has shape ${shapeText(input.shape)}; the model expects ${expected.shape.length} dimensions ${shapeText(expected.shape)} (-1: any size).`,
    );
  }
  expected.shape.forEach((dim, i) => {
    if (dim >= 0 && input.shape[i] !== dim) {
      throw new InferRequestError(
        `${label} has shape ${shapeText(input.shape)}; the model expects ${shapeText(expected.shape)} (dimension ${i} must be ${dim}).`,
      );
    }
  });
  const data = input.data.flat(Infinity) as unknown[];
  const count = elementCount(input.shape);
  if (data.length !== count) {
    throw new InferRequestError(
      `${label} has ${data.length} values but its shape ${shapeText(input.shape)} holds ${count}.`,
    );
  }
  const bad = (kind: string) => {
    const at = data.findIndex((v) => !isKind(v, kind));
    if (at >= 0) {
      throw new InferRequestError(
        `${label} value ${at} is ${JSON.stringify(data[at])}; ${input.datatype} needs ${kind}.`,
      );
    }
  };
  switch (expected.datatype) {
    case "FP32":
      bad("numbers");
      return new ort.Tensor("float32", Float32Array.from(data as number[]), input.shape);
    case "FP64":
      bad("numbers");
      return new ort.Tensor("float64", Float64Array.from(data as number[]), input.shape);
    case "INT32":
      bad("integers");
      return new ort.Tensor("int32", Int32Array.from(data as number[]), input.shape);
    case "INT64":
      bad("integers");
      return new ort.Tensor("int64", BigInt64Array.from(data as number[], BigInt), input.shape);
    case "BOOL":
      bad("booleans");
      return new ort.Tensor("bool", Uint8Array.from(data as boolean[], Number), input.shape);
    case "BYTES":
      bad("strings");
      return new ort.Tensor("string", data as string[], input.shape);
    default:
      throw new InferRequestError(`${label}: the server cannot send ${expected.datatype} values.`);
  }
}

function isKind(value: unknown, kind: string): boolean {
  if (kind === "numbers") return typeof value === "number" && Number.isFinite(value);
  if (kind === "integers") return Number.isSafeInteger(value);
  if (kind === "booleans") return typeof value === "boolean";
  return typeof value === "string";
}

/**
 * The feeds for `request` (every model input exactly once, all with the same batch size) and the
 * output names to return (the request's `outputs`, else all of them).
 * @throws InferRequestError
 */
export function feedsFor(
  model: LoadedModel,
  request: V2InferRequest,
): { feeds: Record<string, ort.Tensor>; outputs: string[] } {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of request.inputs) {
    const expected = model.inputs.find((t) => t.name === input.name);
    if (!expected) {
      throw new InferRequestError(
        `Unknown input “${input.name}”; the model's inputs are: ${names(model.inputs)}.`,
      );
    }
    if (feeds[input.name]) throw new InferRequestError(`Input “${input.name}” is given twice.`);
    feeds[input.name] = tensorFor(input, expected);
  }
  const missing = model.inputs.filter((t) => !feeds[t.name]).map((t) => t.name);
  if (missing.length > 0) {
    throw new InferRequestError(
      `Missing input${missing.length > 1 ? "s" : ""} ${missing.map((n) => `“${n}”`).join(", ")}; the model's inputs are: ${names(model.inputs)}.`,
    );
  }
  const batches = new Set(request.inputs.map((i) => i.shape[0]));
  if (batches.size > 1) {
    throw new InferRequestError(
      `The inputs disagree on the batch size (first dimension): ${request.inputs.map((i) => `${i.name} ${i.shape[0]}`).join(", ")}.`,
    );
  }
  const wanted = request.outputs?.map((o) => o.name) ?? model.outputs.map((t) => t.name);
  for (const name of wanted) {
    if (!model.outputs.some((t) => t.name === name)) {
      throw new InferRequestError(
        `Unknown output “${name}”; the model's outputs are: ${names(model.outputs)}.`,
      );
    }
  }
  return { feeds, outputs: wanted };
}

/** ONNX Runtime results as v2 output tensors (int64 as numbers, bool as booleans). */
export function v2Outputs(
  model: LoadedModel,
  results: ort.InferenceSession.OnnxValueMapType,
  wanted: string[],
): V2OutputTensor[] {
  return wanted.map((name) => {
    const tensor = results[name] as ort.Tensor;
    const datatype = model.outputs.find((t) => t.name === name)?.datatype ?? "FP32";
    const raw = tensor.data as ArrayLike<number | bigint | string>;
    const data = Array.from(raw, (v) =>
      typeof v === "bigint" ? Number(v) : datatype === "BOOL" ? v === 1 : v,
    ) as Array<number | string | boolean>;
    return { name, shape: [...tensor.dims], datatype, data };
  });
}
