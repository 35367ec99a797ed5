/**
 * What a column kind needs to write its part of `onnx/pipeline.onnx`: a small builder interface
 * that `export/pipeline/pipelineGraph.ts` implements with onnx-proto. The kinds write nodes through
 * it and so stay free of onnx-proto (and of the export folder), and the node order, names and
 * constants they produce are exactly those of the builder they are given.
 */

export type AttributeValue = number | string | number[] | string[];
/** `int` for whole-number attributes (ONNX tells INT from FLOAT), otherwise inferred from the value. */
export type Attribute = AttributeValue | { int: number } | { ints: number[] };

export const ML_DOMAIN = "ai.onnx.ml";

/** ONNX TensorProto.DataType.FLOAT, for Cast. */
export const FLOAT = 1;

export interface ColumnGraph {
  /** Adds a node with one output; returns the output's name. */
  op(
    opType: string,
    inputs: string[],
    attributes?: Record<string, Attribute>,
    domain?: string,
  ): string;
  /** A float32 constant of shape `dims` (row-major values); `[]` makes a scalar. */
  floats(dims: number[], values: ArrayLike<number>): string;
  /** An int64 constant (axes, indices). */
  int64s(dims: number[], values: number[]): string;
  scalar(value: number): string;
}

/** x where it is a finite number, else `fill`. */
export function fillNonFinite(g: ColumnGraph, x: string, fill: number): string {
  const bad = g.op("Or", [g.op("IsNaN", [x]), g.op("IsInf", [x])]);
  return g.op("Where", [bad, g.scalar(fill), x]);
}

/**
 * x − c with c split into its float32 part and the float32 of the rest: a year minus a mean of
 * 2022.37 then loses nothing to float32 rounding of the mean, as float64 JavaScript does not.
 */
export function subtractPrecisely(g: ColumnGraph, x: string, c: number[], dims: number[]): string {
  const high = c.map((v) => Math.fround(v));
  const low = c.map((v, i) => v - (high[i] as number));
  return g.op("Sub", [g.op("Sub", [x, g.floats(dims, high)]), g.floats(dims, low)]);
}
