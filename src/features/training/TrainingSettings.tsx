import { BACKEND_LABELS, type BackendPreference } from "../../core/backend/backends";
import type { ClassWeighting, OptimizerName } from "../../core/train/config";
import { useStudio } from "../../store";
import { NumberField } from "../../ui/NumberField";
import "./training.css";

export function TrainingSettings() {
  const config = useStudio((s) => s.trainConfig);
  const setConfig = useStudio((s) => s.setTrainConfig);
  const preference = useStudio((s) => s.backendPreference);
  const setPreference = useStudio((s) => s.setBackendPreference);
  const task = useStudio((s) => s.task);
  const running = useStudio((s) => s.run.state === "running");
  const isTable = useStudio((s) => s.imageDataset === null);
  // A pretrained block's head trains on cached features: folds would train the whole spec anew.
  const pretrainedHead = useStudio((s) => s.spec.nodes.some((n) => n.trainable === false));
  const crossValidation = config.crossValidation ?? { enabled: false, folds: 5 };

  return (
    <fieldset className="settings-grid" disabled={running}>
      <legend>Settings</legend>
      <label>
        Optimizer
        <select
          data-testid="optimizer-select"
          value={config.optimizer}
          onChange={(e) => setConfig({ optimizer: e.target.value as OptimizerName })}
        >
          <option value="adam">Adam (a good default)</option>
          <option value="sgd">SGD with momentum</option>
          <option value="rmsprop">RMSprop</option>
        </select>
      </label>
      <NumberField
        label="Learning rate"
        testId="learning-rate-input"
        value={config.learningRate}
        min={0}
        max={10}
        onChange={(learningRate) => setConfig({ learningRate })}
      />
      {config.optimizer === "sgd" && (
        <NumberField
          label="Momentum"
          value={config.momentum}
          min={0}
          max={0.999}
          onChange={(momentum) => setConfig({ momentum })}
        />
      )}
      <NumberField
        label="Batch size"
        testId="batch-size-input"
        value={config.batchSize}
        integer
        min={1}
        onChange={(batchSize) => setConfig({ batchSize })}
      />
      <NumberField
        label="Epochs"
        testId="epochs-input"
        value={config.epochs}
        integer
        min={1}
        max={10000}
        onChange={(epochs) => setConfig({ epochs })}
      />
      <NumberField
        label="Seed"
        testId="seed-input"
        value={config.seed}
        integer
        min={0}
        onChange={(seed) => setConfig({ seed })}
      />
      <label>
        Backend
        <select
          data-testid="backend-select"
          value={preference}
          onChange={(e) => setPreference(e.target.value as BackendPreference)}
        >
          {(Object.keys(BACKEND_LABELS) as BackendPreference[]).map((name) => (
            <option key={name} value={name}>
              {BACKEND_LABELS[name]}
            </option>
          ))}
        </select>
      </label>
      {task === "classification" && (
        <label>
          Class weights
          <select
            value={config.classWeighting}
            onChange={(e) => setConfig({ classWeighting: e.target.value as ClassWeighting })}
          >
            <option value="none">Equal (every example counts the same)</option>
            <option value="balanced">Balanced (rare classes count more)</option>
          </select>
        </label>
      )}
      {(isTable || !pretrainedHead) && (
        <div className="early-stopping">
          <label className="checkbox">
            <input
              type="checkbox"
              data-testid="cross-validation-toggle"
              checked={crossValidation.enabled}
              onChange={(e) =>
                setConfig({ crossValidation: { ...crossValidation, enabled: e.target.checked } })
              }
            />
            Cross-validate: also train on folds of the training {isTable ? "rows" : "pictures"}, for
            each score&apos;s spread
          </label>
          <NumberField
            label="Folds"
            testId="cross-validation-folds"
            value={crossValidation.folds}
            integer
            min={2}
            max={10}
            disabled={!crossValidation.enabled}
            onChange={(folds) => setConfig({ crossValidation: { ...crossValidation, folds } })}
          />
        </div>
      )}
      {!isTable && pretrainedHead && (
        <p className="hint" data-testid="cross-validation-unavailable">
          Cross-validation is not offered with a pretrained block: its head trains once, on the
          block&apos;s features of the training pictures.
        </p>
      )}
      <div className="early-stopping">
        <label className="checkbox">
          <input
            type="checkbox"
            checked={config.earlyStopping.enabled}
            onChange={(e) =>
              setConfig({ earlyStopping: { ...config.earlyStopping, enabled: e.target.checked } })
            }
          />
          Stop early when the validation loss stops improving
        </label>
        <NumberField
          label="Patience (epochs)"
          value={config.earlyStopping.patience}
          integer
          min={1}
          disabled={!config.earlyStopping.enabled}
          onChange={(patience) =>
            setConfig({ earlyStopping: { ...config.earlyStopping, patience } })
          }
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={config.earlyStopping.restoreBest}
            onChange={(e) =>
              setConfig({
                earlyStopping: { ...config.earlyStopping, restoreBest: e.target.checked },
              })
            }
          />
          After a full run, keep the best epoch's weights (a stop, early or yours, always does)
        </label>
      </div>
    </fieldset>
  );
}
