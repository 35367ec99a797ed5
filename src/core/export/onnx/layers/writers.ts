import type { LayerType } from "../../../model/spec";
import type { LayerWriter } from "./context";
import {
  writeActivation,
  writeBatchNormalization,
  writeDense,
  writeDropout,
  writeEmbedding,
  writeLayerNormalization,
  writeLeakyReLU,
} from "./core";
import { recurrentWriter, writeBidirectional } from "./recurrent";
import {
  writeAveragePooling,
  writeConv,
  writeDepthwiseConv2D,
  writeGlobalAveragePooling,
  writeGlobalMaxPooling,
  writeMaxPooling,
  writeSeparableConv2D,
  writeUpSampling2D,
} from "./spatial";
import { writeAdd, writeConcatenate, writeFlatten, writeMultiply, writeReshape } from "./reshape";

/** One ONNX writer per catalog layer type (InputLayer becomes a graph input). */
export const LAYER_WRITERS: Record<Exclude<LayerType, "InputLayer">, LayerWriter> = {
  Dense: writeDense,
  Activation: writeActivation,
  LeakyReLU: writeLeakyReLU,
  Dropout: writeDropout,
  BatchNormalization: writeBatchNormalization,
  LayerNormalization: writeLayerNormalization,
  Embedding: writeEmbedding,
  Flatten: writeFlatten,
  Reshape: writeReshape,
  Conv1D: writeConv,
  Conv2D: writeConv,
  SeparableConv2D: writeSeparableConv2D,
  DepthwiseConv2D: writeDepthwiseConv2D,
  MaxPooling1D: writeMaxPooling,
  MaxPooling2D: writeMaxPooling,
  AveragePooling2D: writeAveragePooling,
  GlobalAveragePooling1D: writeGlobalAveragePooling,
  GlobalAveragePooling2D: writeGlobalAveragePooling,
  GlobalMaxPooling2D: writeGlobalMaxPooling,
  UpSampling2D: writeUpSampling2D,
  SimpleRNN: recurrentWriter("SimpleRNN"),
  LSTM: recurrentWriter("LSTM"),
  GRU: recurrentWriter("GRU"),
  Bidirectional: writeBidirectional,
  Add: writeAdd,
  Multiply: writeMultiply,
  Concatenate: writeConcatenate,
};
