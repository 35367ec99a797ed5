import { useDeferredValue } from "react";
import { useStudio } from "../../store";
import { BatchLossFigure } from "./BatchLossFigure";
import { EpochCurves } from "./LossCurves";
import "./training.css";

export function LossChart() {
  // Deferred: the charts redraw in the background, in slices React can interrupt, so a redraw never
  // holds the page while a person types or scrolls during training.
  const history = useDeferredValue(useStudio((s) => s.run.history));
  const batchLosses = useDeferredValue(useStudio((s) => s.run.batchLosses));
  const currentTask = useStudio((s) => s.task);
  const task = useStudio((s) => s.run.task) ?? currentTask;
  const running = useStudio((s) => s.run.state === "running");
  const linearDone = useStudio((s) => s.run.state === "done" && !!s.trainedModel?.linearFit);

  if (history.length === 0 && batchLosses.length === 0) {
    if (linearDone)
      return (
        <div data-testid="loss-chart" className="chart-empty">
          The current model is the linear model, fitted in one go: it has no training curves. The
          network&apos;s run, with its curves, stays in the history (Projects).
        </div>
      );
    return (
      <div data-testid="loss-chart" className="chart-empty">
        The curves appear here while the model trains.
      </div>
    );
  }
  return (
    <div data-testid="loss-chart" className="charts">
      <EpochCurves history={history} task={task} />
      {batchLosses.length > 0 || running ? (
        <BatchLossFigure losses={batchLosses} />
      ) : (
        // A kept run (restored or reopened) keeps its per-epoch curves, not every batch's loss.
        <p className="hint">
          The per-batch loss is drawn while a run trains; a kept run keeps its per-epoch curves
          only.
        </p>
      )}
    </div>
  );
}
