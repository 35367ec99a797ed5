/**
 * Open Inference Protocol (v2) request bodies, read in a worker from the raw bytes: parsed, checked
 * against a schema and the model's inputs, and turned into ONNX Runtime tensors; ONNX Runtime's
 * outputs turned into v2 output tensors. Every refusal is an InferRequestError whose message names
 * the input and what is wrong with it (400, or 413 past the size cap).
 */
import * as ort from "onnxruntime-node";
import { z } from "zod";
import type { LoadedModel, V2TensorMetadata } from "./sessions";
import type { InferAnswer, TaskFailure } from "./tasks";

export class InferRequestError extends Error {
  override readonly name = "InferRequestError";
  constructor(
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
  }
}

/** More dimensions than any studio model takes. */
const MAX_RANK = 8;
const FLOAT32_MAX = 3.4028234663852886e38;

const inputSchema = z.object({
  name: z.string().min(1).max(256),
  shape: z.array(z.number().int().nonnegative()).min(1).max(MAX_RANK),
  datatype: z.string().min(1).max(16),
  parameters: z.record(z.string(), z.unknown()).optional(),
  data: z.array(z.unknown()),
});

const requestSchema = z.object({
  id: z.string().max(256).optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  inputs: z.array(inputSchema).min(1).max(256),
  outputs: z
    .array(
      z.object({
        name: z.string().min(1).max(256),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .min(1, "is empty: leave “outputs” out to get every output, or name at least one")
    .max(256)
    .optional(),
});

export type V2InferRequest = z.infer<typeof requestSchema>;
type V2InputTensor = z.infer<typeof inputSchema>;

export interface V2OutputTensor {
  name: string;
  shape: number[];
  datatype: string;
  data: Array<number | string | boolean>;
}

const elementCount = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);
const shapeText = (shape: readonly number[]) => `[${shape.join(", ")}]`;
const names = (list: V2TensorMetadata[]) => list.map((t) => t.name).join(", ");

/**
 * The body as a v2 request: JSON, the protocol's shape, and at most `maxElements` values in all.
 * @throws InferRequestError
 */
export function parseInferBody(body: Uint8Array, maxElements: number): V2InferRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(body));
  } catch (error) {
    const why = error instanceof RangeError ? "nested too deeply" : "not valid JSON";
    throw new InferRequestError(`The request body is ${why}; send a v2 inference request.`);
  }
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.map(String).join(".") ?? "";
    throw new InferRequestError(
      `The request is not a v2 inference request: ${path ? `“${path}” ` : ""}${issue?.message ?? "invalid"}.`,
    );
  }
  const total = parsed.data.inputs.reduce((n, input) => n + elementCount(input.shape), 0);
  if (total > maxElements) {
    throw new InferRequestError(
      `The request holds ${total.toLocaleString("en")} values; the server takes at most ${maxElements.toLocaleString("en")} in one request. Send fewer rows at a time.`,
      413,
    );
  }
  return parsed.data;
}

/**
 * `data` flat, whether it came flat or nested as the shape; nesting deeper than the shape's rank is
 * refused (no recursion, so no depth can exhaust the stack).
 */
function flatData(input: V2InputTensor, label: string): unknown[] {
  const out: unknown[] = [];
  const stack: Array<{ items: unknown[]; at: number; depth: number }> = [
    { items: input.data, at: 0, depth: 1 },
  ];
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    if (top.at >= top.items.length) {
      stack.pop();
      continue;
    }
    const item = top.items[top.at++];
    if (Array.isArray(item)) {
      if (top.depth >= input.shape.length) {
        throw new InferRequestError(
          `${label}'s data is nested deeper than its shape ${shapeText(input.shape)} has dimensions.`,
        );
      }
      stack.push({ items: item, at: 0, depth: top.depth + 1 });
    } else {
      out.push(item);
    }
  }
  return out;
}

type Kind = "float32" | "float64" | "int32" | "integers" | "booleans" | "strings";

const KIND_TEXT: Record<Kind, string> = {
  float32: "finite numbers within float32's range (±3.4e38)",
  float64: "finite numbers",
  int32: "integers within int32's range",
  integers: "integers",
  booleans: "booleans",
  strings: "strings",
};

function isKind(value: unknown, kind: Kind): boolean {
  switch (kind) {
    case "float32":
      return typeof value === "number" && Number.isFinite(value) && Math.abs(value) <= FLOAT32_MAX;
    case "float64":
      return typeof value === "number" && Number.isFinite(value);
    case "int32":
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31;
    case "integers":
      return Number.isSafeInteger(value);
    case "booleans":
      return typeof value === "boolean";
    case "strings":
      return typeof value === "string";
  }
}

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
  if (input.shape.includes(0)) {
    throw new InferRequestError(
      `${label} has shape ${shapeText(input.shape)}; every dimension needs at least 1 (send at least one row).`,
    );
  }
  expected.shape.forEach((dim, i) => {
    if (dim >= 0 && input.shape[i] !== dim) {
      throw new InferRequestError(
        `${label} has shape ${shapeText(input.shape)}; the model expects ${shapeText(expected.shape)} (dimension ${i} must be ${dim}).`,
      );
    }
  });
  const data = flatData(input, label);
  const count = elementCount(input.shape);
  if (data.length !== count) {
    throw new InferRequestError(
      `${label} has ${data.length} values but its shape ${shapeText(input.shape)} holds ${count}.`,
    );
  }
  const check = (kind: Kind) => {
    const at = data.findIndex((v) => !isKind(v, kind));
    if (at >= 0) {
      throw new InferRequestError(
        `${label} value ${at} is ${String(JSON.stringify(data[at])).slice(0, 40)}; ${input.datatype} needs ${KIND_TEXT[kind]}.`,
      );
    }
  };
  switch (expected.datatype) {
    case "FP32":
      check("float32");
      return new ort.Tensor("float32", Float32Array.from(data as number[]), input.shape);
    case "FP64":
      check("float64");
      return new ort.Tensor("float64", Float64Array.from(data as number[]), input.shape);
    case "INT32":
      check("int32");
      return new ort.Tensor("int32", Int32Array.from(data as number[]), input.shape);
    case "INT64":
      check("integers");
      return new ort.Tensor("int64", BigInt64Array.from(data as number[], BigInt), input.shape);
    case "BOOL":
      check("booleans");
      return new ort.Tensor("bool", Uint8Array.from(data as boolean[], Number), input.shape);
    case "BYTES":
      check("strings");
      return new ort.Tensor("string", data as string[], input.shape);
    default:
      throw new InferRequestError(`${label}: the server cannot take ${expected.datatype} values.`);
  }
}

/**
 * The feeds for `request` (every model input exactly once, all with the same batch size) and the
 * output names to return (the request's `outputs`, else all of them).
 * @throws InferRequestError
 */
export function feedsFor(
  model: Pick<LoadedModel, "inputs" | "outputs">,
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
  if (new Set(wanted).size !== wanted.length) {
    throw new InferRequestError("An output is asked for twice; name each output once.");
  }
  return { feeds, outputs: wanted };
}

/** ONNX Runtime results as v2 output tensors (int64 as numbers, bool as booleans). */
export function v2Outputs(
  model: Pick<LoadedModel, "outputs">,
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

/**
 * Runs a parsed request on `model`: the answer's JSON text, or the refusal (400 for a request that
 * does not fit the model, 500 for a failure inside ONNX Runtime).
 */
export async function answerInfer(
  model: LoadedModel,
  request: V2InferRequest,
  names: { modelName: string; modelVersion: string; fallbackId: string },
): Promise<InferAnswer | TaskFailure> {
  let feeds;
  let outputs;
  try {
    ({ feeds, outputs } = feedsFor(model, request));
  } catch (error) {
    if (error instanceof InferRequestError) {
      return { ok: false, status: error.statusCode, message: error.message };
    }
    throw error;
  }
  let results;
  try {
    results = await model.session.run(feeds, outputs);
  } catch (error) {
    // The request passed every check, so a failure here is the model's or the runtime's.
    const message = `ONNX Runtime could not run the model: ${(error as Error).message}`;
    return { ok: false, status: 500, message };
  }
  const answer = {
    model_name: names.modelName,
    model_version: names.modelVersion,
    id: request.id ?? names.fallbackId,
    outputs: v2Outputs(model, results, outputs),
  };
  return { ok: true, json: JSON.stringify(answer) };
}
