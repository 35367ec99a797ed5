import type { ActivationName } from "../../../model/catalog";
import type { RecurrentLayerType } from "../../../model/layers/recurrent";
import { HARD_SIGMOID, recurrentActivation, type RecurrentActivation } from "../activations";
import { floats, int, ints, str, strs, type Attribute } from "../graph";
import { firstInput, inputShape, type LayerContext, type LayerWriter } from "./context";
import { scanRecurrent, type ScanSettings } from "./scan";

/**
 * SimpleRNN, LSTM, GRU and Bidirectional as ONNX's RNN, LSTM and GRU operators.
 * - tf.js stores kernel [features, gates·units], recurrent_kernel [units, gates·units] and bias
 *   [gates·units]; ONNX wants W [directions, gates·units, features], R [directions, gates·units,
 *   units] and B [directions, 2·gates·units] (input bias, then a recurrent bias of zeros).
 * - Gate order: tf.js LSTM i,f,c,o → ONNX i,o,f,c; GRU z,r,h in both; tf.js's GRU computes the
 *   candidate as act(x·Wh + (r∘h)·Uh + b), which is ONNX's linear_before_reset = 0.
 * - The gates use tf.js's hard sigmoid (ONNX HardSigmoid alpha 0.2, beta 0.5).
 * - ONNX's sequences are time-major; Bidirectional's backward output is aligned with the input's
 *   time steps in both, as tf.js reverses it back when returning sequences.
 * - Activations those operators lack (selu, gelu, swish, softmax) go through a Scan (scan.ts).
 */

const OPERATOR: Record<RecurrentLayerType, string> = { SimpleRNN: "RNN", LSTM: "LSTM", GRU: "GRU" };

/** For each ONNX gate, the tf.js gate it comes from. */
const GATE_SOURCE: Record<RecurrentLayerType, number[]> = {
  SimpleRNN: [0],
  LSTM: [0, 3, 1, 2],
  GRU: [0, 1, 2],
};

/** tf.js [rows, gates·units] → ONNX [gates·units, rows] with the gates reordered. */
function gateMatrix(values: Float32Array, rows: number, units: number, source: number[]) {
  const width = source.length * units;
  const out = new Float32Array(values.length);
  source.forEach((from, gate) => {
    for (let j = 0; j < units; j++) {
      for (let r = 0; r < rows; r++) {
        out[(gate * units + j) * rows + r] = values[r * width + from * units + j] as number;
      }
    }
  });
  return out;
}

/** tf.js bias [gates·units] → ONNX [input bias reordered, recurrent bias of zeros]. */
function gateBias(values: Float32Array, units: number, source: number[]) {
  const out = new Float32Array(2 * source.length * units);
  source.forEach((from, gate) => {
    for (let j = 0; j < units; j++) out[gate * units + j] = values[from * units + j] as number;
  });
  return out;
}

function concatenated(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The `activations`, `activation_alpha` and `activation_beta` attributes for every direction. */
function activationAttributes(functions: RecurrentActivation[], directions: number) {
  const all = Array.from({ length: directions }, () => functions).flat();
  const attributes: Record<string, Attribute> = { activations: strs(all.map((f) => f.name)) };
  const alphas = all.flatMap((f) => (f.alpha === undefined ? [] : [f.alpha]));
  const betas = all.flatMap((f) => (f.beta === undefined ? [] : [f.beta]));
  if (alphas.length > 0) attributes.activation_alpha = floats(alphas);
  if (betas.length > 0) attributes.activation_beta = floats(betas);
  return attributes;
}

interface RecurrentSettings {
  type: RecurrentLayerType;
  /** Weight name prefixes, one per direction ("" for a plain layer). */
  directions: string[];
  mergeMode: "concat" | "sum" | "mul" | "ave";
}

/** Each direction's output as tf.js returns it: [batch, steps, units] or [batch, units]. */
function operatorOutputs(
  context: LayerContext,
  settings: RecurrentSettings,
  act: RecurrentActivation,
): string[] {
  const { graph, node, params } = context;
  const { type, directions } = settings;
  const features = inputShape(context)[1] as number;
  const units = Number(params.units);
  const source = GATE_SOURCE[type];
  const size = source.length * units;
  const take = (suffix: string, shape: number[]) =>
    directions.map((prefix) => context.weight(`${prefix}${suffix}`, shape));
  const kernels = take("kernel", [features, size]).map((k) =>
    gateMatrix(k, features, units, source),
  );
  const recurrent = take("recurrent_kernel", [units, size]).map((k) =>
    gateMatrix(k, units, units, source),
  );
  const biases = take("bias", [size]).map((b) => gateBias(b, units, source));
  const count = directions.length;
  const w = graph.floatTensor(`${node.id}/W`, [count, size, features], concatenated(kernels));
  const r = graph.floatTensor(`${node.id}/R`, [count, size, units], concatenated(recurrent));
  const b = graph.floatTensor(`${node.id}/B`, [count, 2 * size], concatenated(biases));

  const functions =
    type === "LSTM" ? [HARD_SIGMOID, act, act] : type === "GRU" ? [HARD_SIGMOID, act] : [act];
  const timeMajor = graph.op("Transpose", [firstInput(context)], `${node.id}/time_major`, {
    perm: ints([1, 0, 2]),
  });
  const [sequence, last] = graph.nodeWithOutputs(
    OPERATOR[type],
    [timeMajor, w, r, b],
    `${node.id}/${OPERATOR[type].toLowerCase()}`,
    {
      hidden_size: int(units),
      direction: str(count === 2 ? "bidirectional" : "forward"),
      ...activationAttributes(functions, count),
      ...(type === "GRU" ? { linear_before_reset: int(0) } : {}),
    },
    2,
  ) as [string, string];

  return directions.map((_, d) => {
    const index = graph.int64Tensor(`${node.id}/direction_${d}`, [], [d]);
    if (params.returnSequences !== true) {
      return graph.op("Gather", [last, index], node.id, { axis: int(0) });
    }
    const picked = graph.op("Gather", [sequence, index], node.id, { axis: int(1) });
    return graph.op("Transpose", [picked], node.id, { perm: ints([1, 0, 2]) });
  });
}

/** The same through a Scan over tf.js's cell, for activations the operators lack. */
function scanOutputs(context: LayerContext, settings: RecurrentSettings): string[] {
  const { node, params } = context;
  const { type, directions } = settings;
  const features = inputShape(context)[1] as number;
  const units = Number(params.units);
  const size = GATE_SOURCE[type].length * units;
  const scan: ScanSettings = {
    type,
    units,
    features,
    activation: String(params.activation) as ActivationName,
    returnSequences: params.returnSequences === true,
  };
  return directions.map((prefix, d) =>
    scanRecurrent(
      context,
      firstInput(context),
      scan,
      {
        kernel: context.weight(`${prefix}kernel`, [features, size]),
        recurrentKernel: context.weight(`${prefix}recurrent_kernel`, [units, size]),
        bias: context.weight(`${prefix}bias`, [size]),
        reverse: d === 1,
      },
      `${node.id}/${d === 1 ? "backward" : "forward"}`,
    ),
  );
}

function writeRecurrent(context: LayerContext, settings: RecurrentSettings): string {
  const { graph, node } = context;
  const act = recurrentActivation(String(context.params.activation) as ActivationName);
  const outputs = act ? operatorOutputs(context, settings, act) : scanOutputs(context, settings);
  const [forward, backward] = outputs as [string, string | undefined];
  if (backward === undefined) return forward;
  switch (settings.mergeMode) {
    case "concat":
      return graph.op("Concat", [forward, backward], node.id, { axis: int(-1) });
    case "sum":
      return graph.op("Add", [forward, backward], node.id);
    case "mul":
      return graph.op("Mul", [forward, backward], node.id);
    case "ave": {
      const sum = graph.op("Add", [forward, backward], node.id);
      return graph.op("Mul", [sum, graph.scalar(`${node.id}/half`, 0.5)], node.id);
    }
  }
}

export function recurrentWriter(type: RecurrentLayerType): LayerWriter {
  return (context) => writeRecurrent(context, { type, directions: [""], mergeMode: "concat" });
}

/** tf.js names the wrapped layers forward_<id>_<type> and backward_<id>_<type>. */
export const writeBidirectional: LayerWriter = (context) => {
  const type = context.params.layer as RecurrentLayerType;
  const inner = `${context.node.id}_${type.toLowerCase()}`;
  return writeRecurrent(context, {
    type,
    directions: [`forward_${inner}/`, `backward_${inner}/`],
    mergeMode: context.params.mergeMode as RecurrentSettings["mergeMode"],
  });
};
