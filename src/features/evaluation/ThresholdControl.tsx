import { useMemo } from "react";
import { metricExplanations } from "../../core/eval/metrics";
import { binaryAtThreshold } from "../../core/eval/threshold";
import { useStudio } from "../../store";
import { selectDecisionThreshold } from "../../store/evaluationSlice";
import { ConfusionMatrix } from "./ConfusionMatrix";
import "./evaluation.css";

/**
 * Binary tasks: the threshold on the positive class's probability, which the person moves; the
 * confusion matrix, precision and recall follow it. probabilities: [rows, 2] row-major.
 */
export function ThresholdControl(props: {
  classNames: string[];
  actual: number[];
  probabilities: ArrayLike<number>;
}) {
  const { classNames, actual, probabilities } = props;
  const threshold = useStudio(selectDecisionThreshold);
  const setThreshold = useStudio((s) => s.setDecisionThreshold);
  // The threshold is kept in the trained model; a run kept without its weights has none to hold it.
  const canChoose = useStudio((s) => s.trainedModel?.labels.length === 2);
  const positive = useMemo(() => Uint8Array.from(actual, (c) => (c === 1 ? 1 : 0)), [actual]);
  const probability = useMemo(
    () => Float64Array.from(actual, (_, r) => probabilities[r * 2 + 1] as number),
    [actual, probabilities],
  );
  const result = binaryAtThreshold(positive, probability, threshold);
  const positiveName = classNames[1] ?? "positive";
  return (
    <div className="stack">
      <div className="threshold" data-testid="threshold-control">
        <label htmlFor="decision-threshold">
          Call a row “{positiveName}” when its probability is at least
        </label>
        <input
          id="decision-threshold-range"
          type="range"
          min={0}
          max={1}
          step={0.01}
          value={threshold}
          aria-label="Decision threshold (slider)"
          disabled={!canChoose}
          onChange={(event) => setThreshold(Number(event.target.value))}
        />
        <input
          id="decision-threshold"
          data-testid="threshold-input"
          type="number"
          min={0}
          max={1}
          step={0.01}
          value={threshold}
          disabled={!canChoose}
          onChange={(event) => setThreshold(Number(event.target.value))}
        />
        <p className="hint" aria-live="polite">
          At {threshold.toFixed(2)}: precision{" "}
          <strong data-testid="threshold-precision" data-value={String(result.precision)}>
            {result.precision.toFixed(3)}
          </strong>
          , recall{" "}
          <strong data-testid="threshold-recall" data-value={String(result.recall)}>
            {result.recall.toFixed(3)}
          </strong>
          , accuracy {result.accuracy.toFixed(3)} ({result.truePositives} found,{" "}
          {result.falsePositives} false alarms, {result.falseNegatives} missed).
        </p>
        <p className="hint">
          {metricExplanations.threshold}{" "}
          {canChoose
            ? "The model keeps this threshold: Try it, predictions for a CSV, the exported bundle and shared links answer with it."
            : "This run was kept without its weights, so its threshold cannot be changed."}
        </p>
      </div>
      <ConfusionMatrix
        classNames={classNames}
        confusion={result.confusion}
        note={`Decisions at threshold ${threshold.toFixed(2)} on the probability of “${positiveName}”.`}
      />
    </div>
  );
}
