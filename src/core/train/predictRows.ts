import * as tf from "@tensorflow/tfjs";
import { featureRange, type ExampleValues } from "./batchSource";

/**
 * The model's outputs for every row of `x` (inference mode), row-major [rows, outputs]. `x` holds
 * floats, or image bytes scaled by 1/255 a batch at a time; each example has `shape` (default
 * [featureCount]).
 */
export async function predictRows(
  model: tf.LayersModel,
  x: ExampleValues,
  rows: number,
  featureCount: number,
  batchSize = 256,
  shape: number[] = [featureCount],
): Promise<Float32Array> {
  const parts: Float32Array[] = [];
  for (let start = 0; start < rows; start += batchSize) {
    const end = Math.min(rows, start + batchSize);
    const output = tf.tidy(
      () =>
        model.predict(
          tf.tensor(featureRange(x, start, end, featureCount), [end - start, ...shape]),
        ) as tf.Tensor,
    );
    parts.push(Float32Array.from(await output.data()));
    output.dispose();
  }
  const total = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    total.set(part, offset);
    offset += part.length;
  }
  return total;
}
