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

/** Copies tensors to the CPU, keeping their names and shapes. */
export async function storeTensors(
  tensors: Array<{ name: string; tensor: tf.Tensor }>,
): Promise<StoredTensor[]> {
  return Promise.all(
    tensors.map(async ({ name, tensor }) => ({
      name,
      shape: tensor.shape.slice(),
      values: Float32Array.from(await tensor.data()),
    })),
  );
}

export async function storeModelWeights(model: tf.LayersModel): Promise<StoredTensor[]> {
  const weights = model.weights.map((weight) => ({
    name: weight.originalName,
    tensor: weight.read(),
  }));
  return storeTensors(weights);
}

export function restoreModelWeights(model: tf.LayersModel, stored: StoredTensor[]): void {
  const tensors = stored.map((w) => tf.tensor(w.values, w.shape));
  model.setWeights(tensors);
  tf.dispose(tensors);
}

/** Copies the optimizer's state; disposes the iteration scalar that getWeights() creates anew. */
export async function storeOptimizer(optimizer: tf.Optimizer): Promise<StoredTensor[]> {
  const named = await optimizer.getWeights();
  const stored = await storeTensors(named);
  for (const { name, tensor } of named) if (name === "iter") tensor.dispose();
  return stored;
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
