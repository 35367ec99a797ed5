import { onnx } from "onnx-proto";
import type { ActivationName } from "../../../model/catalog";
import type { RecurrentLayerType } from "../../../model/layers/recurrent";
import { applyActivation } from "../activations";
import { float, int, ints, subgraph, type GraphBuilder } from "../graph";
import type { LayerContext } from "./context";

/**
 * A recurrent layer as an ONNX Scan over its own cell, for the activations ONNX's RNN, LSTM and
 * GRU operators do not offer (selu, gelu, swish, softmax). The cell is tf.js's, step by step
 * (tfjs-layers recurrent.js), with tf.js's gate order i,f,c,o (LSTM) and z,r,h (GRU):
 *   SimpleRNN  h = act(x·W + h·U + b)
 *   LSTM       i,f,o = hardSigmoid(x·W_g + h·U_g + b_g); c = f∘c + i∘act(x·W_c + h·U_c + b_c);
 *              h = o∘act(c)
 *   GRU        z,r = hardSigmoid(x·W_g + h·U_g + b_g); h̃ = act(x·W_h + (r∘h)·U_h + b_h);
 *              h = z∘h + (1 − z)∘h̃
 * Scan walks axis 1 of the [batch, steps, features] input (backwards for the backward direction,
 * storing outputs in step order, as tf.js's Bidirectional does).
 */

const GATES: Record<RecurrentLayerType, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

export interface ScanDirection {
  /** tf.js weights: kernel [features, gates·units], recurrent [units, gates·units], bias. */
  kernel: Float32Array;
  recurrentKernel: Float32Array;
  bias: Float32Array;
  reverse: boolean;
}

export interface ScanSettings {
  type: RecurrentLayerType;
  units: number;
  features: number;
  activation: ActivationName;
  returnSequences: boolean;
}

/** Columns [gate·units, (gate+1)·units) of a row-major [rows, gates·units] matrix. */
function gateColumns(
  values: Float32Array,
  rows: number,
  units: number,
  gates: number,
  gate: number,
) {
  const out = new Float32Array(rows * units);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < units; j++) {
      out[r * units + j] = values[r * gates * units + gate * units + j] as number;
    }
  }
  return out;
}

function floatInput(name: string, units: number): onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: onnx.TensorProto.DataType.FLOAT,
        shape: { dim: [{ dimParam: "batch" }, { dimValue: units }] },
      },
    },
  };
}

/** A [batch, units] tensor of zeros whose batch follows `x` [batch, …]. */
function zerosLike(graph: GraphBuilder, x: string, units: number, hint: string): string {
  const shape = graph.op("Shape", [x], `${hint}/shape`);
  const batch = graph.op("Gather", [shape, graph.int64Tensor(`${hint}/zero`, [1], [0])], hint);
  const dims = graph.op("Concat", [batch, graph.int64Tensor(`${hint}/units`, [1], [units])], hint, {
    axis: int(0),
  });
  const zero = graph.floatTensor(`${hint}/zeros`, [1, units], new Float32Array(units));
  return graph.op("Expand", [zero, dims], hint);
}

/** One direction of the layer; returns [batch, steps, units] or [batch, units] like tf.js. */
export function scanRecurrent(
  context: LayerContext,
  x: string,
  settings: ScanSettings,
  direction: ScanDirection,
  hint: string,
): string {
  const { graph } = context;
  const { type, units, features } = settings;
  const gates = GATES[type];
  const body = graph.child();
  const gateWeights = Array.from({ length: gates }, (_, g) => ({
    w: graph.floatTensor(
      `${hint}/W${g}`,
      [features, units],
      gateColumns(direction.kernel, features, units, gates, g),
    ),
    u: graph.floatTensor(
      `${hint}/U${g}`,
      [units, units],
      gateColumns(direction.recurrentKernel, units, units, gates, g),
    ),
    b: graph.floatTensor(
      `${hint}/b${g}`,
      [units],
      direction.bias.subarray(g * units, (g + 1) * units),
    ),
  }));
  const hPrev = body.uniqueName(`${hint}/h_prev`);
  const cPrev = type === "LSTM" ? body.uniqueName(`${hint}/c_prev`) : null;
  const xStep = body.uniqueName(`${hint}/x_t`);
  const step = `${hint}/step`;
  const op = (opType: string, inputs: string[], attributes = {}) =>
    body.op(opType, inputs, step, attributes);
  const preActivation = (g: number, h: string) => {
    const { w, u, b } = gateWeights[g] as { w: string; u: string; b: string };
    return op("Add", [op("Add", [op("MatMul", [xStep, w]), op("MatMul", [h, u])]), b]);
  };
  const hardSigmoid = (g: number) =>
    op("HardSigmoid", [preActivation(g, hPrev)], { alpha: float(0.2), beta: float(0.5) });
  const act = (value: string) => applyActivation(body, value, settings.activation, step);

  let hNext: string;
  let cNext: string | null = null;
  if (type === "SimpleRNN") {
    hNext = act(preActivation(0, hPrev));
  } else if (type === "LSTM") {
    const [i, f, o] = [hardSigmoid(0), hardSigmoid(1), hardSigmoid(3)];
    const candidate = act(preActivation(2, hPrev));
    cNext = op("Add", [op("Mul", [f, cPrev as string]), op("Mul", [i, candidate])]);
    hNext = op("Mul", [o, act(cNext)]);
  } else {
    const [z, r] = [hardSigmoid(0), hardSigmoid(1)];
    const candidate = act(preActivation(2, op("Mul", [r, hPrev])));
    const keep = op("Mul", [z, hPrev]);
    const one = body.scalar(`${step}/one`, 1);
    hNext = op("Add", [keep, op("Mul", [op("Sub", [one, z]), candidate])]);
  }
  // A state and a scan output are separate graph outputs, so the step output gets its own name.
  const hOut = op("Identity", [hNext]);
  const stateOuts = [hNext, ...(cNext ? [cNext] : [])];
  const bodyGraph: onnx.IGraphProto = {
    name: body.uniqueName(`${hint}/cell`),
    node: body.nodes,
    initializer: body.initializers,
    input: [hPrev, ...(cPrev ? [cPrev] : [])]
      .map((name) => floatInput(name, units))
      .concat([floatInput(xStep, features)]),
    output: [...stateOuts, hOut].map((name) => floatInput(name, units)),
  };

  const h0 = zerosLike(graph, x, units, `${hint}/h0`);
  const initial = type === "LSTM" ? [h0, zerosLike(graph, x, units, `${hint}/c0`)] : [h0];
  const reverse = direction.reverse ? 1 : 0;
  const outputs = graph.nodeWithOutputs(
    "Scan",
    [...initial, x],
    `${hint}/scan`,
    {
      body: subgraph(bodyGraph),
      num_scan_inputs: int(1),
      scan_input_axes: ints([1]),
      scan_input_directions: ints([reverse]),
      scan_output_axes: ints([1]),
      scan_output_directions: ints([reverse]),
    },
    initial.length + 1,
  );
  return (settings.returnSequences ? outputs[outputs.length - 1] : outputs[0]) as string;
}
