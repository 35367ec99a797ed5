import { useStudio } from "../../store";
import { selectTrainBlocker } from "../../store/selectors";
import { interruptedText, statusText, useThrottledAnnouncement } from "./runStatus";
import { linearMethodName } from "../../core/project/linearTrainedModel";
import "./training.css";

/** Scrolls a section into view and moves the keyboard focus to it (sections take tabIndex -1). */
function showSection(id: string) {
  const section = document.getElementById(id);
  if (!section) return;
  section.scrollIntoView({ block: "start" });
  section.focus({ preventScroll: true });
}

/**
 * The run at a glance, kept in view at the top of the page (sticky): Train, Stop, the status, the
 * progress and the backend, the reason Train is blocked, and a way to the report when a run ends.
 * `steps` are the page's sections, linked for moving between them; `reportSectionId` the one that
 * holds the report, `trainingSectionId` the one with the run's details and errors.
 */
export function RunBar(props: {
  steps: ReadonlyArray<{ id: string; title: string }>;
  reportSectionId: string;
  trainingSectionId: string;
}) {
  const run = useStudio((s) => s.run);
  const epochs = useStudio((s) => s.trainConfig.epochs);
  const hasReport = useStudio((s) => s.evaluation !== null);
  const blocker = useStudio(selectTrainBlocker);
  const start = useStudio((s) => s.startTraining);
  const stop = useStudio((s) => s.stopTraining);
  const running = run.state === "running";
  const interrupted = useStudio((s) => (running ? null : s.interruptedRun));
  const linearFit = useStudio((s) => s.trainedModel?.linearFit ?? null);
  const text = interrupted
    ? interruptedText(interrupted.checkpoint.epoch, interrupted.config.epochs)
    : statusText(run, epochs, linearFit ? linearMethodName(linearFit.method) : undefined);
  const ended = !interrupted && (run.state === "done" || run.state === "stopped");
  const shownState = interrupted ? "stopped" : run.state;
  const announcement = useThrottledAnnouncement(
    ended && hasReport ? `${text} The report is ready.` : text,
    shownState,
  );
  const progress = run.progress;
  // Cross-validation: the bar starts again and crosses once over all the folds.
  const fold = run.fold;
  const epochFraction = fold
    ? (fold.fold - 1 + fold.epoch / epochs) / fold.folds
    : progress
      ? (progress.epoch - 1 + progress.batch / progress.batches) / epochs
      : 0;

  return (
    <div className="run-bar" role="region" aria-label="Run">
      <nav className="step-links" aria-label="Steps">
        {props.steps.map((step, i) => (
          <a key={step.id} href={`#${step.id}`}>
            <span className="step-number" aria-hidden="true">
              {i + 1}
            </span>
            {step.title}
          </a>
        ))}
      </nav>
      <div className="run-controls">
        <button
          type="button"
          data-testid="train-button"
          aria-describedby={blocker && !running ? "train-blocker" : undefined}
          disabled={running || blocker !== null}
          onClick={() => {
            void start();
            // The live curves are what a person watches during a run: bring them into view.
            showSection(props.trainingSectionId);
          }}
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
        <span className="status" data-testid="training-status" data-state={shownState}>
          {text}
        </span>
        {running && progress && (
          <>
            <progress
              aria-label={fold ? "Cross-validation progress" : "Overall progress"}
              max={1}
              value={Math.min(1, epochFraction)}
            />
            {!fold && (
              <span className="muted">
                {Math.round(progress.samplesPerSecond).toLocaleString()} samples/s
              </span>
            )}
          </>
        )}
        {running && !progress && run.features && (
          <>
            <progress
              aria-label="Features computed"
              max={run.features.total}
              value={run.features.done}
            />
            <span className="muted">
              {run.features.cached
                ? "Features from the cache"
                : `Features ${run.features.done.toLocaleString()} / ${run.features.total.toLocaleString()}`}
            </span>
          </>
        )}
        {run.backend && (
          <span className="badge" data-testid="backend-badge" title="The backend training runs on">
            {run.backend}
          </span>
        )}
        {ended && hasReport && (
          <button
            type="button"
            className="report-button"
            onClick={() => showSection(props.reportSectionId)}
          >
            See the report
          </button>
        )}
        {run.state === "error" && (
          <button
            type="button"
            className="secondary"
            onClick={() => showSection(props.trainingSectionId)}
          >
            See what went wrong
          </button>
        )}
        <span className="visually-hidden" role="status">
          {announcement}
        </span>
      </div>
      {blocker && !running && (
        <p className="hint blocker" id="train-blocker">
          Training is not possible yet: {blocker}
        </p>
      )}
    </div>
  );
}
