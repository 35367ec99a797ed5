import type { Prediction } from "../../core/predict/interpret";

// One decimal always, so the column lines up: "23.0%" beside "37.1%", not "23%".
const percent = new Intl.NumberFormat(undefined, {
  style: "percent",
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
/** Percentages that never round a possible answer to 0% or a near-certain one to 100%. */
function formatProbability(p: number): string {
  if (p > 0 && p < 0.0005) return "<0.1%";
  if (p < 1 && p > 0.9995) return ">99.9%";
  return percent.format(p);
}

const number = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 6 });

/** The model's answer: labelled probability bars per class, or the value in the target's units. */
export function PredictionView(props: { prediction: Prediction; targetName: string }) {
  const { prediction, targetName } = props;
  if (prediction.kind === "regression") {
    return (
      <div
        data-testid="prediction"
        data-predicted={String(prediction.value)}
        className="prediction"
      >
        <p className="prediction-headline">
          Predicted {targetName}: <strong>{number.format(prediction.value)}</strong>
        </p>
      </div>
    );
  }
  return (
    <div data-testid="prediction" data-predicted={prediction.predicted} className="prediction">
      <p className="prediction-headline">
        Predicted {targetName}: <strong>{prediction.predicted}</strong>
      </p>
      <ul className="probability-bars" aria-label={`Probability of each ${targetName}`}>
        {prediction.probabilities.map(({ className, probability }) => {
          const winner = className === prediction.predicted;
          return (
            <li
              key={className}
              data-class={className}
              data-probability={String(probability)}
              className={winner ? "winner" : undefined}
            >
              <span className="bar-label">
                {className}
                {winner && <span className="visually-hidden"> (predicted)</span>}
              </span>
              <span className="bar-track" aria-hidden="true">
                <span
                  className="bar-fill"
                  style={{ width: `${Math.max(0, probability) * 100}%` }}
                />
              </span>
              <span className="bar-value">{formatProbability(probability)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
