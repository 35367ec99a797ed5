import * as tf from "@tensorflow/tfjs";
import { exampleShape, featureRange, valuesOf } from "./batchSource";
import type { AnyTrainingData, DataSplit } from "./types";

const EPSILON = 1e-7;

/** Per-example loss: cross-entropy against the class index, or squared error. Shape [batch]. */
export function perExampleLoss(
  task: AnyTrainingData["task"],
  predicted: tf.Tensor,
  labels: tf.Tensor,
  classCount: number,
) {
  if (task === "classification") {
    const oneHot = tf.oneHot(labels.toInt(), classCount);
    return tf.neg(
      tf.sum(tf.mul(oneHot, tf.log(tf.clipByValue(predicted, EPSILON, 1 - EPSILON))), -1),
    );
  }
  return tf.mean(tf.square(tf.sub(predicted, labels.reshape([-1, 1]))), -1);
}

/** Sum of the task metric over a batch: correct predictions, or absolute errors (standardised). */
export function metricSum(
  task: AnyTrainingData["task"],
  predicted: tf.Tensor,
  labels: tf.Tensor,
): tf.Scalar {
  if (task === "classification")
    return tf.sum(tf.equal(tf.argMax(predicted, -1), labels.toInt()).toFloat());
  return tf.sum(tf.abs(tf.sub(predicted.reshape([-1]), labels)));
}

/** Loss and metric of a split in inference mode, in batches. */
export async function evaluateSplit(
  model: tf.LayersModel,
  data: AnyTrainingData,
  split: DataSplit,
  batchSize: number,
): Promise<{ loss: number; metric: number } | null> {
  if (split.rows === 0) return null;
  const values = valuesOf(split);
  const shape = exampleShape(data);
  // The sums stay on the device, read back once at the end (each read waits for a GPU).
  let sums: tf.Tensor1D = tf.zeros([2]);
  for (let start = 0; start < split.rows; start += batchSize) {
    const end = Math.min(split.rows, start + batchSize);
    const next = tf.tidy(() => {
      const x = tf.tensor(featureRange(values, start, end, data.featureCount), [
        end - start,
        ...shape,
      ]);
      const y = tf.tensor1d(split.y.subarray(start, end));
      const predicted = model.predict(x) as tf.Tensor;
      const batch = tf.stack([
        tf.sum(perExampleLoss(data.task, predicted, y, data.classCount)),
        metricSum(data.task, predicted, y),
      ]);
      return tf.add(sums, batch) as tf.Tensor1D;
    });
    sums.dispose();
    sums = next;
  }
  const [lossSum = 0, metricTotal = 0] = await sums.data();
  sums.dispose();
  const scale = data.task === "regression" ? data.targetScale : 1;
  return { loss: lossSum / split.rows, metric: (metricTotal / split.rows) * scale };
}
