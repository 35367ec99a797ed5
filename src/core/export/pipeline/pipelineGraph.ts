import { onnx } from "onnx-proto";
import { ML_DOMAIN, type Attribute, type ColumnGraph } from "../../data/columnKinds/graph";

/**
 * Collects the pipeline's ONNX nodes and constants with unique names that start with a prefix, so
 * they cannot collide with the raw column names (the graph inputs) or the network's own names.
 */

const Type = onnx.AttributeProto.AttributeType;
const encoder = new TextEncoder();

function attributeProto(name: string, value: Attribute): onnx.IAttributeProto {
  if (typeof value === "object" && "int" in value) return { name, type: Type.INT, i: value.int };
  if (typeof value === "object" && "ints" in value) {
    return { name, type: Type.INTS, ints: value.ints };
  }
  if (typeof value === "number") return { name, type: Type.FLOAT, f: value };
  if (typeof value === "string") return { name, type: Type.STRING, s: encoder.encode(value) };
  if (value.every((v) => typeof v === "string")) {
    return { name, type: Type.STRINGS, strings: (value as string[]).map((s) => encoder.encode(s)) };
  }
  return { name, type: Type.FLOATS, floats: value as number[] };
}

function littleEndianFloats(values: ArrayLike<number>): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i] as number, true);
  return bytes;
}

export { ML_DOMAIN };

export class PipelineGraph implements ColumnGraph {
  readonly nodes: onnx.INodeProto[] = [];
  readonly initializers: onnx.ITensorProto[] = [];
  private count = 0;

  constructor(readonly prefix: string) {}

  name(hint: string): string {
    this.count += 1;
    return `${this.prefix}${this.count}_${hint}`;
  }

  /** Adds a node with one output; returns the output's name. */
  op(
    opType: string,
    inputs: string[],
    attributes: Record<string, Attribute> = {},
    domain = "",
  ): string {
    const output = this.name(opType.toLowerCase());
    this.nodes.push({
      opType,
      domain,
      name: `${output}/node`,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([key, value]) => attributeProto(key, value)),
    });
    return output;
  }

  /** A float32 constant of shape `dims` (row-major values); `[]` makes a scalar. */
  floats(dims: number[], values: ArrayLike<number>): string {
    const name = this.name("const");
    const rawData = littleEndianFloats(values);
    this.initializers.push({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData });
    return name;
  }

  /** An int64 constant (axes, indices). */
  int64s(dims: number[], values: number[]): string {
    const name = this.name("const");
    this.initializers.push({
      name,
      dims,
      dataType: onnx.TensorProto.DataType.INT64,
      int64Data: values,
    });
    return name;
  }

  scalar(value: number): string {
    return this.floats([], [value]);
  }
}
