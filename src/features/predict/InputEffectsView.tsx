import type { InputEffects } from "../../core/eval/inputEffects";
import type { Prediction } from "../../core/predict/interpret";
import { formatNumber } from "../../ui/format";

/** A typical value for people: a mean such as 5.819999999999998 as "5.82"; a category as it is. */
function typicalText(reference: string): string {
  const value = Number(reference);
  return reference.trim() !== "" && Number.isFinite(value) ? formatNumber(value) : reference;
}

const signed = new Intl.NumberFormat(undefined, {
  maximumSignificantDigits: 3,
  signDisplay: "exceptZero",
});

/**
 * How much each input moved this prediction: the answer minus the answer with that input at a
 * typical training value. Classification: the change in the predicted class's probability.
 */
export function InputEffectsView(props: { effects: InputEffects; prediction: Prediction }) {
  const { effects, prediction } = props;
  const output =
    prediction.kind === "classification"
      ? Math.max(
          0,
          prediction.probabilities.findIndex((p) => p.className === prediction.predicted),
        )
      : 0;
  const what =
    prediction.kind === "classification"
      ? `the probability of “${prediction.predicted}” (percentage points)`
      : "the predicted value";
  const scale = prediction.kind === "classification" ? 100 : 1;
  const rows = effects.effects
    .map((e) => ({ ...e, delta: (e.change[output] ?? NaN) * scale }))
    .sort((a, b) => Math.abs(b.delta) - Math.abs(a.delta));
  return (
    <div className="table-scroll">
      <table data-testid="input-effects" className="metrics-table">
        <caption>
          How much each input moved {what}: compared with the same row with that input at a typical
          training value
        </caption>
        <thead>
          <tr>
            <th scope="col">Input</th>
            <th scope="col">Typical value</th>
            <th scope="col" className="number">
              Change it made
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.column} data-input={e.column} data-change={String(e.delta)}>
              <th scope="row">{e.column}</th>
              <td data-testid="typical-value">{typicalText(e.reference)}</td>
              <td className="number">{Number.isFinite(e.delta) ? signed.format(e.delta) : "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
