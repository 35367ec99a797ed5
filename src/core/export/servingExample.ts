/**
 * The bundle's example request in the Open Inference Protocol (v2) — `POST /v2/models/<name>/infer`
 * — made from the model's first sample row, and the response the served pipeline returns for it.
 */
import type { Preprocessing } from "../data/types";
import type { RawRecord } from "../project/trainedModel";
import { sampleImagePixels, type SampleImage } from "../project/sampleImages";
import { PIXEL_SCALE } from "../train/batchSource";
import { pipelineCell } from "./pipeline/pipelineInputs";
import { V2_DATATYPE, type ServedSignature } from "./serving";

export interface V2Tensor {
  name: string;
  /** With the batch dimension first. */
  shape: number[];
  datatype: "FP32" | "BYTES";
  data: Array<number | string>;
}

export interface V2Request {
  inputs: V2Tensor[];
}

export interface V2Response {
  model_name: string;
  outputs: V2Tensor[];
}

export interface V2Example {
  /** The raw record the request was made from, after filling numbers JSON cannot carry. */
  record: RawRecord;
  /** Columns whose missing or unparsable number was sent as the column's fill value. */
  filled: string[];
  /** Image models: the sample picture the request was made from (the record is then empty). */
  picture?: SampleImage;
  request: V2Request;
}

/**
 * The v2 request for one raw record (the pipeline's inputs, batch of one). JSON has no NaN, so a
 * missing or unparsable number or date goes as the column's fill value (in the column's own units,
 * or days since 1970-01-01 for dates): the pipeline would impute exactly that value anyway.
 */
export function v2Example(
  preprocessing: Preprocessing,
  signature: ServedSignature,
  record: RawRecord,
): V2Example {
  const filled: string[] = [];
  const inputs = preprocessing.inputs.map((t, i): V2Tensor => {
    const tensor = signature.inputs[i];
    if (!tensor || tensor.name !== t.column) throw new Error(`No pipeline input for ${t.column}.`);
    let value = pipelineCell(t, record[t.column] ?? null);
    if (typeof value === "number" && !Number.isFinite(value) && "fillValue" in t) {
      value = Number(t.fillValue);
      filled.push(t.column);
    }
    return {
      name: tensor.name,
      shape: [1, ...tensor.shape],
      datatype: V2_DATATYPE[tensor.type],
      data: [value],
    };
  });
  return { record, filled, request: { inputs } };
}

/**
 * Image models: the v2 request for one sample picture, batch of one — the network's input
 * [1, H, W, C] as FP32, each byte times 1/255 rounded to float32, exactly what the studio feeds it.
 */
export function v2ImageExample(signature: ServedSignature, picture: SampleImage): V2Example {
  const tensor = signature.inputs[0];
  if (!tensor) throw new Error("The network has no input.");
  const pixels = sampleImagePixels(picture);
  const expected = tensor.shape.reduce((a, b) => a * b, 1);
  if (pixels.length !== expected) {
    throw new Error(
      `The sample picture holds ${pixels.length} values but the network's input [${tensor.shape.join(", ")}] needs ${expected}.`,
    );
  }
  return {
    record: {},
    filled: [],
    picture,
    request: {
      inputs: [
        {
          name: tensor.name,
          shape: [1, ...tensor.shape],
          datatype: V2_DATATYPE[tensor.type],
          data: Array.from(pixels, (v) => Math.fround(v * PIXEL_SCALE)),
        },
      ],
    },
  };
}

/** The v2 response for one row of outputs (float32, as the ONNX model returns them). */
export function v2Response(
  modelName: string,
  signature: ServedSignature,
  outputs: number[][],
): V2Response {
  return {
    model_name: modelName,
    outputs: signature.outputs.map((tensor, i) => ({
      name: tensor.name,
      shape: [1, ...tensor.shape],
      datatype: V2_DATATYPE[tensor.type],
      data: (outputs[i] ?? []).map((v) => Math.fround(v)),
    })),
  };
}
