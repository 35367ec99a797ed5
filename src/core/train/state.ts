import * as tf from "@tensorflow/tfjs";
import type { TrainConfig } from "./config";
import type { StoredTensor } from "./types";

/**
 * Training state that outlives a backend: the optimizer a config names, and the model's weights and
 * the optimizer's slots copied to the CPU (StoredTensor) and back, for checkpoints, backend fallback
 * and the TrainedModel.
 */

export function createOptimizer(config: TrainConfig): tf.Optimizer {
  switch (config.optimizer) {
    case "adam":
      return tf.train.adam(config.learningRate);
    case "sgd":
      return config.momentum > 0
        ? tf.train.momentum(config.learningRate, config.momentum)
        : tf.train.sgd(config.learningRate);
    case "rmsprop":
      return tf.train.rmsprop(config.learningRate);
  }
}

/**
 * Copies tensors to the CPU, keeping their names and shapes, in one readback: on a GPU each read
 * waits for the device, so the tensors are joined on the device and read as one.
 */
export async function storeTensors(
  tensors: Array<{ name: string; tensor: tf.Tensor }>,
): Promise<StoredTensor[]> {
  if (tensors.length === 0) return [];
  const joined = tf.tidy(() =>
    tf.concat(tensors.map(({ tensor }) => tf.cast(tf.reshape(tensor, [-1]), "float32"))),
  );
  let values: Float32Array;
  try {
    values = (await joined.data()) as Float32Array;
  } finally {
    joined.dispose();
  }
  let offset = 0;
  return tensors.map(({ name, tensor }) => {
    const start = offset;
    offset += tensor.size;
    return { name, shape: tensor.shape.slice(), values: values.slice(start, offset) };
  });
}

const weightsOf = (model: tf.LayersModel) =>
  model.weights.map((weight) => ({ name: weight.originalName, tensor: weight.read() }));

export async function storeModelWeights(model: tf.LayersModel): Promise<StoredTensor[]> {
  return storeTensors(weightsOf(model));
}

/** The model's weights and the optimizer's state (see storeOptimizer), in one readback. */
export async function storeTrainingState(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
): Promise<{ weights: StoredTensor[]; optimizer: StoredTensor[] }> {
  const weights = weightsOf(model);
  const slots = await optimizer.getWeights();
  try {
    const stored = await storeTensors([...weights, ...slots]);
    return { weights: stored.slice(0, weights.length), optimizer: stored.slice(weights.length) };
  } finally {
    for (const { name, tensor } of slots) if (name === "iter") tensor.dispose();
  }
}

export function restoreModelWeights(model: tf.LayersModel, stored: StoredTensor[]): void {
  const tensors = stored.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Copies the optimizer's state; disposes the iteration scalar that getWeights() creates anew. */
export async function storeOptimizer(optimizer: tf.Optimizer): Promise<StoredTensor[]> {
  const named = await optimizer.getWeights();
  try {
    return await storeTensors(named);
  } finally {
    for (const { name, tensor } of named) if (name === "iter") tensor.dispose();
  }
}

export async function restoreOptimizer(
  optimizer: tf.Optimizer,
  stored: StoredTensor[],
): Promise<void> {
  if (stored.length === 0) return;
  const named = stored.map((w) => ({ name: w.name, tensor: tf.tensor(w.values, w.shape) }));
  await optimizer.setWeights(named);
  tf.dispose(named.map((n) => n.tensor));
}
