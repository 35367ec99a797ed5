import { BACKEND_LABELS, type BackendPreference } from "../../core/backend/backends";
import type { ClassWeighting, OptimizerName } from "../../core/train/config";
import { TRAIN_SETTINGS } from "../../core/train/settings";
import { useStudio } from "../../store";
import "./training.css";
import { SettingField } from "./SettingField";

export function TrainingSettings() {
  const config = useStudio((s) => s.trainConfig);
  const setConfig = useStudio((s) => s.setTrainConfig);
  const preference = useStudio((s) => s.backendPreference);
  const setPreference = useStudio((s) => s.setBackendPreference);
  const task = useStudio((s) => s.task);
  const running = useStudio((s) => s.run.state === "running");
  const isTable = useStudio((s) => s.dataset.kind !== "pictures");
  // A pretrained block's head trains on cached features: folds would train the whole spec anew.
  const pretrainedHead = useStudio((s) => s.spec.nodes.some((n) => n.trainable === false));
  const crossValidation = config.crossValidation ?? {
    enabled: false,
    folds: TRAIN_SETTINGS.folds.defaultValue,
  };

  return (
    <fieldset className="settings-grid" disabled={running}>
      <legend>Settings</legend>
      <label title={TRAIN_SETTINGS.optimizer.help}>
        {TRAIN_SETTINGS.optimizer.label}
        <select
          data-testid="optimizer-select"
          value={config.optimizer}
          onChange={(e) => setConfig({ optimizer: e.target.value as OptimizerName })}
        >
          {TRAIN_SETTINGS.optimizer.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </label>
      <SettingField
        name="learningRate"
        testId="learning-rate-input"
        value={config.learningRate}
        onChange={(learningRate) => setConfig({ learningRate })}
      />
      {config.optimizer === "sgd" && (
        <SettingField
          name="momentum"
          value={config.momentum}
          onChange={(momentum) => setConfig({ momentum })}
        />
      )}
      <SettingField
        name="batchSize"
        testId="batch-size-input"
        value={config.batchSize}
        onChange={(batchSize) => setConfig({ batchSize })}
      />
      <SettingField
        name="epochs"
        testId="epochs-input"
        value={config.epochs}
        onChange={(epochs) => setConfig({ epochs })}
      />
      <SettingField
        name="seed"
        testId="seed-input"
        value={config.seed}
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
        <label title={TRAIN_SETTINGS.classWeighting.help}>
          {TRAIN_SETTINGS.classWeighting.label}
          <select
            value={config.classWeighting}
            onChange={(e) => setConfig({ classWeighting: e.target.value as ClassWeighting })}
          >
            {TRAIN_SETTINGS.classWeighting.options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
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
          <SettingField
            name="folds"
            testId="cross-validation-folds"
            value={crossValidation.folds}
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
          {TRAIN_SETTINGS.earlyStopping.label}
        </label>
        <SettingField
          name="patience"
          value={config.earlyStopping.patience}
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
          {TRAIN_SETTINGS.restoreBest.label}
        </label>
      </div>
    </fieldset>
  );
}
