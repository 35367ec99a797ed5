import { ACTIVATIONS, type ActivationName } from "../../core/model/catalog";
import {
  readMlpSettings,
  type HiddenLayerSettings,
  type MlpSettings,
} from "../../core/model/templates";
import { useStudio } from "../../store";

const MAX_HIDDEN = 8;

/** The simple form over the ModelSpec: hidden layers of a multilayer perceptron. */
export function MlpForm() {
  const spec = useStudio((s) => s.spec);
  const setMlp = useStudio((s) => s.setMlp);
  const settings = readMlpSettings(spec);
  if (!settings) {
    return (
      <p className="hint">
        This model is not a simple stack of layers, so the form cannot edit it.
      </p>
    );
  }
  const update = (next: MlpSettings) => setMlp(next);
  const updateLayer = (index: number, patch: Partial<HiddenLayerSettings>) =>
    update({
      ...settings,
      hidden: settings.hidden.map((layer, i) => (i === index ? { ...layer, ...patch } : layer)),
    });

  return (
    <fieldset className="mlp-form">
      <legend>Hidden layers</legend>
      {settings.hidden.length === 0 && (
        <p className="hint">No hidden layers: the model is a linear one.</p>
      )}
      <ol className="layer-list">
        {settings.hidden.map((layer, index) => (
          <li key={index} className="form-row">
            <span className="layer-title">Dense layer {index + 1}</span>
            <label>
              Units
              <input
                type="number"
                min={1}
                max={4096}
                value={layer.units}
                onChange={(e) =>
                  updateLayer(index, {
                    units: Math.max(1, Math.round(Number(e.target.value)) || 1),
                  })
                }
              />
            </label>
            <label>
              Activation
              <select
                value={layer.activation}
                onChange={(e) =>
                  updateLayer(index, { activation: e.target.value as ActivationName })
                }
              >
                {ACTIVATIONS.filter((a) => a !== "softmax").map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </label>
            <label>
              Dropout
              <input
                type="number"
                min={0}
                max={0.9}
                step={0.05}
                value={layer.dropout}
                onChange={(e) =>
                  updateLayer(index, {
                    dropout: Math.min(0.9, Math.max(0, Number(e.target.value) || 0)),
                  })
                }
              />
            </label>
            <button
              type="button"
              className="secondary"
              aria-label={`Remove dense layer ${index + 1}`}
              onClick={() =>
                update({ ...settings, hidden: settings.hidden.filter((_, i) => i !== index) })
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <div className="form-row">
        <button
          type="button"
          className="secondary"
          disabled={settings.hidden.length >= MAX_HIDDEN}
          onClick={() =>
            update({
              ...settings,
              hidden: [...settings.hidden, { units: 16, activation: "relu", dropout: 0 }],
            })
          }
        >
          Add a hidden layer
        </button>
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.batchNorm}
            onChange={(e) => update({ ...settings, batchNorm: e.target.checked })}
          />
          Batch normalisation after each hidden layer
        </label>
      </div>
    </fieldset>
  );
}
