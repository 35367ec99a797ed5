import type { LayerType, ParamValue } from "./spec";
import { withDefaults, type LayerDefinition } from "./layers/common";
import { activation, dense, dropout, embedding, inputLayer, leakyReLU } from "./layers/core";
import { conv1D, conv2D, depthwiseConv2D, separableConv2D } from "./layers/conv";
import { add, concatenate, multiply } from "./layers/merge";
import { batchNormalization, layerNormalization } from "./layers/normalization";
import {
  averagePooling2D,
  globalAveragePooling1D,
  globalAveragePooling2D,
  globalMaxPooling2D,
  maxPooling1D,
  maxPooling2D,
} from "./layers/pooling";
import { bidirectional, gru, lstm, simpleRNN } from "./layers/recurrent";
import { flatten, reshape, upSampling2D } from "./layers/reshape";

/**
 * The layer catalog: for each layer type its parameters (with defaults and explanations), how it
 * infers its output shape and how many parameters it has. The entries live in layers/ by family.
 * Free of tf.js: build.ts maps each type to its tf.js layer, and catalog.test.ts checks that shapes
 * and parameter counts agree with tf.js for every entry.
 */

export {
  ACTIVATIONS,
  INITIALIZERS,
  numberParam,
  type ActivationName,
  type InitializerName,
  type LayerDefinition,
  type LayerGroup,
  type ParamCount,
  type ParamDefinition,
  type ParamKind,
} from "./layers/common";

/** Lets every entry read parameters that a spec leaves out at their default values. */
function fillingDefaults(definition: LayerDefinition): LayerDefinition {
  return {
    ...definition,
    inferShape: (inputs, params) =>
      definition.inferShape(inputs, withDefaults(definition.params, params)),
    countParams: (inputs, params) =>
      definition.countParams(inputs, withDefaults(definition.params, params)),
  };
}

const ENTRIES: Record<LayerType, LayerDefinition> = {
  InputLayer: inputLayer,
  Dense: dense,
  Activation: activation,
  LeakyReLU: leakyReLU,
  Dropout: dropout,
  BatchNormalization: batchNormalization,
  LayerNormalization: layerNormalization,
  Flatten: flatten,
  Reshape: reshape,
  Conv1D: conv1D,
  Conv2D: conv2D,
  SeparableConv2D: separableConv2D,
  DepthwiseConv2D: depthwiseConv2D,
  MaxPooling1D: maxPooling1D,
  MaxPooling2D: maxPooling2D,
  AveragePooling2D: averagePooling2D,
  GlobalAveragePooling1D: globalAveragePooling1D,
  GlobalAveragePooling2D: globalAveragePooling2D,
  GlobalMaxPooling2D: globalMaxPooling2D,
  UpSampling2D: upSampling2D,
  Embedding: embedding,
  SimpleRNN: simpleRNN,
  LSTM: lstm,
  GRU: gru,
  Bidirectional: bidirectional,
  Add: add,
  Concatenate: concatenate,
  Multiply: multiply,
};

export const LAYER_CATALOG: Readonly<Record<LayerType, LayerDefinition>> = Object.fromEntries(
  Object.entries(ENTRIES).map(([type, definition]) => [type, fillingDefaults(definition)]),
) as Record<LayerType, LayerDefinition>;

/** The parameters of a new layer of this type, from the catalog's defaults. */
export function defaultParams(type: LayerType): Record<string, ParamValue> {
  return withDefaults(LAYER_CATALOG[type].params, {});
}

/** A node's parameters with the catalog's defaults filled in where the spec leaves them out. */
export function paramsWithDefaults(
  type: LayerType,
  params: Record<string, ParamValue>,
): Record<string, ParamValue> {
  return withDefaults(LAYER_CATALOG[type].params, params);
}
