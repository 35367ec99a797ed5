import { useEffect, useRef, useState } from "react";
import { useStudio } from "../../store";
import { selectTrainBlocker } from "../../store/selectors";
import type { TrainingRun } from "../../store/trainingSlice";

function statusText(run: TrainingRun, epochs: number): string {
  switch (run.state) {
    case "idle":
      return "Not trained yet.";
    case "running": {
      const p = run.progress;
      if (!p) return "Starting…";
      return `Training: epoch ${p.epoch} of ${epochs}, batch ${p.batch} of ${p.batches}`;
    }
    case "done":
      return run.reason === "early-stopped"
        ? `Done: stopped early after epoch ${run.history.length}, as the validation loss stopped improving.`
        : `Done: trained for ${run.history.length} epochs.`;
    case "stopped":
      return `Stopped by you after ${run.history.length} complete epochs.`;
    case "error":
      return "Training failed.";
  }
}

/** Speaks at most every few seconds while running, and at once when the state changes. */
function useThrottledAnnouncement(text: string, state: string, intervalMs = 5000): string {
  const [announced, setAnnounced] = useState(text);
  const last = useRef({ at: 0, state });
  useEffect(() => {
    const now = Date.now();
    if (state !== last.current.state || now - last.current.at >= intervalMs) {
      last.current = { at: now, state };
      setAnnounced(text);
    }
  }, [text, state, intervalMs]);
  return announced;
}

export function TrainingControls() {
  const run = useStudio((s) => s.run);
  const epochs = useStudio((s) => s.trainConfig.epochs);
  const blocker = useStudio(selectTrainBlocker);
  const start = useStudio((s) => s.startTraining);
  const stop = useStudio((s) => s.stopTraining);
  const running = run.state === "running";
  const text = statusText(run, epochs);
  const announcement = useThrottledAnnouncement(text, run.state);
  const progress = run.progress;
  const epochFraction = progress
    ? (progress.epoch - 1 + progress.batch / progress.batches) / epochs
    : 0;

  return (
    <div className="stack">
      <div className="controls">
        <button
          type="button"
          data-testid="train-button"
          aria-describedby={blocker && !running ? "train-blocker" : undefined}
          disabled={running || blocker !== null}
          onClick={start}
        >
          Train
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="stop-button"
          disabled={!running}
          onClick={stop}
        >
          Stop
        </button>
        <span className="status" data-testid="training-status" data-state={run.state}>
          {text}
        </span>
        <span className="visually-hidden" aria-live="polite">
          {announcement}
        </span>
        {run.backend && (
          <span className="badge" data-testid="backend-badge" title="The backend training runs on">
            {run.backend}
          </span>
        )}
      </div>
      {blocker && !running && (
        <p className="hint" id="train-blocker">
          Training is not possible yet: {blocker}
        </p>
      )}
      {running && progress && (
        <div className="progress-row">
          <label>
            Overall progress
            <progress max={1} value={Math.min(1, epochFraction)} />
          </label>
          <span>{Math.round(progress.samplesPerSecond).toLocaleString()} samples/s</span>
        </div>
      )}
      {run.notes.length > 0 && (
        <ul className="status-list" role="status">
          {run.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {run.error && (
        <p className="alert" role="alert">
          {run.error}
        </p>
      )}
    </div>
  );
}
