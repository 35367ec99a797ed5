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
import { writeAdd, writeConcatenate, writeFlatten, writeMultiply, writeReshape } from "./reshape";

/** One ONNX writer per catalog layer type (InputLayer becomes a graph input). */
export const LAYER_WRITERS: Partial<Record<Exclude<LayerType, "InputLayer">, LayerWriter>> = {
  Dense: writeDense,
  Activation: writeActivation,
  LeakyReLU: writeLeakyReLU,
  Dropout: writeDropout,
  BatchNormalization: writeBatchNormalization,
  LayerNormalization: writeLayerNormalization,
  Embedding: writeEmbedding,
  Flatten: writeFlatten,
  Reshape: writeReshape,
  Add: writeAdd,
  Multiply: writeMultiply,
  Concatenate: writeConcatenate,
};
