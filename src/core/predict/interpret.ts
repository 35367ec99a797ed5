import { decideClasses } from "../eval/threshold";
import { inverseTarget } from "../data/preprocess";
import type { Preprocessing } from "../data/types";

/** What the model says about one record, in the data's own terms. */
export type Prediction =
  | {
      kind: "classification";
      /** The most probable class. */
      predicted: string;
      /** Every class in output order with its probability (they sum to 1 for a softmax head). */
      probabilities: Array<{ className: string; probability: number }>;
    }
  | {
      kind: "regression";
      /** In the target's own units (the standardisation undone), float64. */
      value: number;
    };

/**
 * Reads the model's raw outputs, row-major [rows, outputSize], as one Prediction per row: class
 * probabilities named by `labels` (classification), or the value in the target's units (regression).
 * Two classes with a `decisionThreshold` (the TrainedModel's): `predicted` is the second class when
 * its probability is at least the threshold, as in the report.
 */
export function interpretOutputs(
  outputs: Float32Array,
  rows: number,
  preprocessing: Preprocessing,
  labels: string[],
  decisionThreshold?: number,
): Prediction[] {
  if (rows === 0) return [];
  const outputSize = outputs.length / rows;
  if (preprocessing.label.kind === "standardized") {
    return Array.from({ length: rows }, (_, row) => ({
      kind: "regression" as const,
      value: inverseTarget(preprocessing, outputs[row * outputSize] ?? NaN),
    }));
  }
  const winners = decideClasses(outputs, outputSize, decisionThreshold);
  return winners.map((winner, row) => ({
    kind: "classification" as const,
    predicted: labels[winner] ?? String(winner),
    probabilities: labels.map((className, c) => ({
      className,
      probability: outputs[row * outputSize + c] ?? NaN,
    })),
  }));
}
