import { useEffect, useRef, useState } from "react";
import type { TrainingRun } from "../../store/trainingSlice";
import { plural } from "../../ui/format";

/** One line saying where the run stands, for the run bar (`linearMethod`: a linear model's run). */
export function statusText(run: TrainingRun, epochs: number, linearMethod?: string): string {
  // "Use the linear model": the current run was fitted in one go, not trained epoch by epoch.
  if (run.state === "done" && linearMethod) return `Done: the linear model (${linearMethod}).`;
  switch (run.state) {
    case "idle":
      return "Not trained yet.";
    case "running": {
      const p = run.progress;
      const f = run.fold;
      if (f) {
        const epoch = f.epoch > 0 ? `, epoch ${f.epoch} of ${epochs}` : "";
        return `Cross-validating: fold ${f.fold} of ${f.folds}${epoch}`;
      }
      // The first run of a session can take seconds before its first batch: say what it does.
      if (!p && !run.backend)
        return "Starting: preparing the data and the model, and starting the backend…";
      if (!p) return `Starting on ${run.backend}: building the model and the first batches…`;
      return `Training: epoch ${p.epoch} of ${epochs}, batch ${p.batch} of ${p.batches}`;
    }
    case "done":
      return run.reason === "early-stopped"
        ? `Done: stopped early after epoch ${run.history.length}, as the validation loss stopped improving.`
        : `Done: trained for ${plural(run.history.length, "epoch")}.`;
    case "stopped":
      return `Stopped by you after ${plural(run.history.length, "complete epoch")}.`;
    case "error":
      return "Training failed.";
  }
}

/** The run bar's line for a run a reload cut short (the last finished run is not the one to tell). */
export function interruptedText(epoch: number, epochs: number): string {
  return `Interrupted when the page closed, after epoch ${epoch} of ${epochs}. Resume it from the note at the top of the page.`;
}

/** Speaks at most every few seconds while running, and at once when the state changes. */
export function useThrottledAnnouncement(text: string, state: string, intervalMs = 5000): string {
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
