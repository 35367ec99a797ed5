import { onnx } from "onnx-proto";

/**
 * A small helper that collects ONNX nodes and initializers with unique, prefixed names. It knows
 * nothing about layers; the layer writers (layers/*.ts) call it.
 */

export type Attribute =
  | { kind: "int"; value: number }
  | { kind: "float"; value: number }
  | { kind: "ints"; value: number[] }
  | { kind: "floats"; value: number[] }
  | { kind: "string"; value: string }
  | { kind: "strings"; value: string[] }
  | { kind: "graph"; value: onnx.IGraphProto };

export const int = (value: number): Attribute => ({ kind: "int", value });
export const float = (value: number): Attribute => ({ kind: "float", value });
export const ints = (value: number[]): Attribute => ({ kind: "ints", value });
export const floats = (value: number[]): Attribute => ({ kind: "floats", value });
export const str = (value: string): Attribute => ({ kind: "string", value });
export const strs = (value: string[]): Attribute => ({ kind: "strings", value });
export const subgraph = (value: onnx.IGraphProto): Attribute => ({ kind: "graph", value });

const Type = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

function attributeProto(name: string, attribute: Attribute): onnx.IAttributeProto {
  switch (attribute.kind) {
    case "int":
      return { name, type: Type.INT, i: attribute.value };
    case "float":
      return { name, type: Type.FLOAT, f: attribute.value };
    case "ints":
      return { name, type: Type.INTS, ints: attribute.value };
    case "floats":
      return { name, type: Type.FLOATS, floats: attribute.value };
    case "string":
      return { name, type: Type.STRING, s: encoder.encode(attribute.value) };
    case "strings":
      return { name, type: Type.STRINGS, strings: attribute.value.map((s) => encoder.encode(s)) };
    case "graph":
      return { name, type: Type.GRAPH, g: attribute.value };
  }
}

/** float32 values as little-endian bytes, as ONNX's `raw_data` wants them on every platform. */
function littleEndianBytes(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}

export class GraphBuilder {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];

  /** `used`: names already taken, shared with the graph that holds this one as a subgraph. */
  constructor(
    readonly prefix: string,
    private readonly used = new Set<string>(),
  ) {}

  /** A builder for a subgraph (a Scan body): its own nodes, names unique across both. */
  child(): GraphBuilder {
    return new GraphBuilder(this.prefix, this.used);
  }

  /** `prefix + hint`, made unique by a `_2`, `_3`… suffix. */
  uniqueName(hint: string): string {
    const base = `${this.prefix}${hint}`;
    let name = base;
    for (let n = 2; this.used.has(name); n++) name = `${base}_${n}`;
    this.used.add(name);
    return name;
  }

  /** Claims an exact name (a graph input or output); throws when it is taken. */
  claim(name: string): string {
    if (this.used.has(name)) throw new Error(`The ONNX name “${name}” is used twice.`);
    this.used.add(name);
    return name;
  }

  /**
   * Adds one node and returns its output names (`outputCount` of them, named after `hint`).
   * An empty string in `inputs` leaves an optional input out.
   */
  nodeWithOutputs(
    opType: string,
    inputs: string[],
    hint: string,
    attributes: Record<string, Attribute> = {},
    outputCount = 1,
  ): string[] {
    const outputs = Array.from({ length: outputCount }, (_, i) =>
      this.uniqueName(outputCount === 1 ? hint : `${hint}_${i}`),
    );
    this.nodes.push({
      opType,
      name: this.uniqueName(`${hint}/${opType}`),
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([name, value]) => attributeProto(name, value)),
    });
    return outputs;
  }

  /** Adds one node with one output and returns that output's name. */
  op(
    opType: string,
    inputs: string[],
    hint: string,
    attributes: Record<string, Attribute> = {},
  ): string {
    return this.nodeWithOutputs(opType, inputs, hint, attributes)[0] as string;
  }

  /** A float32 initializer; `values` are row-major for `dims`. */
  floatTensor(hint: string, dims: number[], values: ArrayLike<number>): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (size !== values.length) {
      throw new Error(`Initializer ${hint}: ${values.length} values for shape [${dims.join(",")}]`);
    }
    const name = this.uniqueName(hint);
    this.initializers.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.FLOAT,
      rawData: littleEndianBytes(values),
    });
    return name;
  }

  /** An int64 initializer (shapes, axes, indices); `dims` [] makes a scalar. */
  int64Tensor(hint: string, dims: number[], values: number[]): string {
    const name = this.uniqueName(hint);
    this.initializers.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.INT64,
      int64Data: values,
    });
    return name;
  }

  /** A float32 scalar initializer. */
  scalar(hint: string, value: number): string {
    return this.floatTensor(hint, [], [value]);
  }
}
