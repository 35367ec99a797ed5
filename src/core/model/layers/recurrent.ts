import type { Shape } from "../shape";
import {
  ACTIVATIONS,
  activationParam,
  enumParam,
  flagParam,
  initializerParam,
  regularizerParams,
  unitsParam,
  wholeParam,
  type LayerDefinition,
  type ParamDefinition,
  type Params,
} from "./common";
import { checkWeightParams, lastDim, requireRank, single, trainable } from "./geometry";

/** Recurrent layers read a sequence step by step, carrying a memory from one step to the next. */

export const RECURRENT_LAYERS = ["LSTM", "GRU", "SimpleRNN"] as const;
export type RecurrentLayerType = (typeof RECURRENT_LAYERS)[number];

export const MERGE_MODES = ["concat", "sum", "mul", "ave"] as const;

const RNN_LAYOUT = "steps × features";

/** Weight sets per step: one for SimpleRNN, four gates for LSTM, three for GRU (tf.js has no resetAfter). */
const GATES: Record<RecurrentLayerType, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

const UNITS_PARAM = unitsParam(
  "How many numbers the layer's memory holds (and outputs at each step).",
);

const RETURN_SEQUENCES_PARAM: ParamDefinition = {
  name: "returnSequences",
  label: "Return sequences",
  kind: "bool",
  defaultValue: false,
  help: "On: outputs its memory at every step (needed to stack another recurrent layer). Off: only after the last step.",
};

const RNN_PARAMS: readonly ParamDefinition[] = [
  UNITS_PARAM,
  activationParam(
    "tanh",
    "The function applied to the memory at each step. tanh is the usual choice.",
  ),
  RETURN_SEQUENCES_PARAM,
  initializerParam("glorotUniform", "input weights"),
  ...regularizerParams("input weights"),
];

/** The output of one recurrent layer of `units` on `input`, after checking what it reads. */
function recurrentShape(input: Shape, params: Params, layer: string): Shape {
  const units = wholeParam(params, "units", layer);
  enumParam(params, "activation", ACTIVATIONS, layer);
  checkWeightParams(params, layer);
  requireRank(input, layer, 3, RNN_LAYOUT, "or an Embedding above it for token ids");
  lastDim(input, layer);
  const [batch = null, steps = null] = input;
  return flagParam(params, "returnSequences") ? [batch, steps, units] : [batch, units];
}

function recurrentParams(input: Shape, params: Params, type: RecurrentLayerType): number {
  const features = lastDim(input, type);
  const units = wholeParam(params, "units", type);
  return GATES[type] * (units * (features + units) + units);
}

function recurrent(type: RecurrentLayerType, label: string, description: string): LayerDefinition {
  return {
    type,
    label,
    group: "Recurrent",
    description,
    params: RNN_PARAMS,
    minInputs: 1,
    maxInputs: 1,
    inferShape: (inputs, params) => recurrentShape(single(inputs), params, type),
    countParams: (inputs, params) => trainable(recurrentParams(single(inputs), params, type)),
  };
}

export const simpleRNN = recurrent(
  "SimpleRNN",
  "Simple RNN",
  "The plainest recurrent layer: reads a sequence step by step; forgets long-past steps quickly.",
);

export const lstm = recurrent(
  "LSTM",
  "LSTM",
  "Reads a sequence step by step with gates that decide what to remember; good with long sequences.",
);

export const gru = recurrent(
  "GRU",
  "GRU",
  "Like LSTM with fewer gates: reads a sequence step by step, a little lighter and faster.",
);

export const bidirectional: LayerDefinition = {
  type: "Bidirectional",
  label: "Bidirectional",
  group: "Recurrent",
  description: "Runs a recurrent layer over the sequence forwards and backwards and combines both.",
  params: [
    {
      name: "layer",
      label: "Recurrent layer",
      kind: "enum",
      defaultValue: "LSTM",
      options: RECURRENT_LAYERS,
      help: "The recurrent layer run in each direction.",
    },
    UNITS_PARAM,
    {
      name: "mergeMode",
      label: "Combine by",
      kind: "enum",
      defaultValue: "concat",
      options: MERGE_MODES,
      help: "concat puts both directions side by side (twice the units); sum, mul and ave combine them value by value.",
    },
    ...RNN_PARAMS.slice(1),
  ],
  minInputs: 1,
  maxInputs: 1,
  inferShape: (inputs, params) => {
    const layer = enumParam(params, "layer", RECURRENT_LAYERS, "Bidirectional");
    const mergeMode = enumParam(params, "mergeMode", MERGE_MODES, "Bidirectional");
    const shape = recurrentShape(single(inputs), params, "Bidirectional");
    if (mergeMode !== "concat") return shape;
    const units = wholeParam(params, "units", layer);
    return [...shape.slice(0, -1), 2 * units];
  },
  countParams: (inputs, params) => {
    const layer = enumParam(params, "layer", RECURRENT_LAYERS, "Bidirectional");
    return trainable(2 * recurrentParams(single(inputs), params, layer));
  },
};
