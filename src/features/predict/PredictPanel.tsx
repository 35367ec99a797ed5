import type { InputEffects } from "../../core/eval/inputEffects";
import { useEffect, useRef, useState } from "react";
import type { Prediction } from "../../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../../core/project/trainedModel";
import { useStudio } from "../../store";
import { CsvPredict } from "./CsvPredict";
import { ImageTryIt } from "./ImageTryIt";
import { InputEffectsView } from "./InputEffectsView";
import { PredictionView } from "./PredictionView";
import { RecordForm } from "./RecordForm";
import "./predict.css";
import { messageOf } from "../../core/errors";

/** The record try-it starts from: a real test row, or every field missing when there is none. */
function sampleRecord(model: TrainedModel, index: number): RawRecord {
  const rows = model.sampleRows;
  const row = rows.length > 0 ? rows[index % rows.length] : undefined;
  return Object.fromEntries(
    model.preprocessing.inputs.map((t) => [t.column, row?.[t.column] ?? null]),
  );
}

function TryIt({ model }: { model: TrainedModel }) {
  const predictRecord = useStudio((s) => s.predictRecord);
  const recordEffects = useStudio((s) => s.recordEffects);
  const [effects, setEffects] = useState<InputEffects | null>(null);
  const [sampleIndex, setSampleIndex] = useState(0);
  const [record, setRecord] = useState(() => sampleRecord(model, 0));
  const [edited, setEdited] = useState(false);
  const [prediction, setPrediction] = useState<Prediction | null>(null);
  // The values the answer on show is for: after an edit the answer is marked out of date.
  const [answeredFor, setAnsweredFor] = useState<RawRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  const latest = useRef(0);
  const target = model.preprocessing.label.column;
  const actual = model.sampleRows[sampleIndex % Math.max(1, model.sampleRows.length)]?.[target];
  const isSample = actual !== undefined;

  const predict = async (next: RawRecord) => {
    const request = ++latest.current;
    setError(null);
    setEffects(null);
    try {
      const answer = await predictRecord(next);
      if (request === latest.current) {
        setPrediction(answer);
        setAnsweredFor(next);
      }
      const moved = await recordEffects(next);
      if (request === latest.current) setEffects(moved);
    } catch (failure) {
      if (request === latest.current) setError(messageOf(failure));
    }
  };

  // The first test row is answered at once, so the panel shows what the model does.
  useEffect(() => {
    void predict(sampleRecord(model, 0));
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per model (the key remounts)
  }, []);

  const nextRow = () => {
    const index = sampleIndex + 1;
    const next = sampleRecord(model, index);
    setSampleIndex(index);
    setRecord(next);
    setEdited(false);
    void predict(next);
  };

  const origin = useStudio((s) => s.trainedModelOrigin);
  // Compared by value: the first answer is for a copy of the first test row.
  const stale = prediction !== null && JSON.stringify(answeredFor) !== JSON.stringify(record);
  return (
    <div className="stack">
      <p className="hint">
        Model “{model.name}”, trained on {model.dataset.fileName} to predict {target}
        {origin === "bundle"
          ? " (opened from a bundle)"
          : origin === "link"
            ? " (opened from a shared link)"
            : ""}
        .
      </p>
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          void predict(record);
        }}
      >
        <RecordForm
          preprocessing={model.preprocessing}
          record={record}
          onChange={(next) => {
            setRecord(next);
            setEdited(true);
          }}
        />
        <p className="hint">
          {model.sampleRows.length > 0 && !edited
            ? `Filled with test row ${(sampleIndex % model.sampleRows.length) + 1} of ${model.sampleRows.length}${isSample && actual !== null ? ` (its ${target} is ${actual})` : ""}. `
            : ""}
          Empty fields are filled as in training.
        </p>
        <div className="controls">
          <button type="submit" data-testid="predict-button">
            Predict
          </button>
          {model.sampleRows.length > 1 && (
            <button type="button" className="secondary" onClick={nextRow}>
              Another test row
            </button>
          )}
        </div>
      </form>
      {error && (
        <p className="alert" role="alert">
          The model could not answer: {error}
        </p>
      )}
      {stale && (
        <p className="warning" role="status" data-testid="prediction-stale">
          This answer is for the values before your edit. Press Predict for the new values.
        </p>
      )}
      <div className={stale ? "stack stale-answer" : "stack"}>
        {prediction && <PredictionView prediction={prediction} targetName={target} />}
        {prediction && effects && <InputEffectsView effects={effects} prediction={prediction} />}
      </div>
      <h3 className="predict-subheading">A CSV of new rows</h3>
      <CsvPredict />
    </div>
  );
}

/** Keys the try-it form by model, so a new model starts from its own first test row. */
const modelKeys = new WeakMap<TrainedModel, number>();
let keyCounter = 0;
const keyOf = (model: TrainedModel) => {
  let key = modelKeys.get(model);
  if (key === undefined) modelKeys.set(model, (key = ++keyCounter));
  return key;
};

export function PredictPanel() {
  const model = useStudio((s) => s.trainedModel);
  return (
    <div data-testid="predict-panel">
      {model?.preprocessing.image ? (
        <ImageTryIt key={keyOf(model)} model={model} />
      ) : model ? (
        <TryIt key={keyOf(model)} model={model} />
      ) : (
        <p className="hint">
          After training (or importing a bundle), try the model here on a test row, your own values
          or a CSV of new rows; for pictures, on a test picture or one of your own.
        </p>
      )}
    </div>
  );
}
