import type { Prediction } from "../../core/predict/interpret";

const percent = new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: 1 });
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
              <span className="bar-value">{percent.format(probability)}</span>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
