import { useStudio } from "../../store";
import { selectDatasetStatus, selectImageStatus } from "../../store/selectors";

const STATUS_TEXT = {
  unsaved: "Not saved yet",
  saving: "Saving…",
  saved: "Saved in this browser",
  loading: "Opening…",
} as const;

/** A run cut short by a reload: resume it from its last checkpoint, or let it go. */
function InterruptedRunNote() {
  const interrupted = useStudio((s) => s.interruptedRun);
  const running = useStudio((s) => s.run.state === "running");
  const hasData = useStudio((s) => s.dataset.kind !== "none");
  const dataPending = useStudio(
    (s) => selectDatasetStatus(s) === "parsing" || selectImageStatus(s) === "loading",
  );
  const { resumeInterruptedRun, discardInterruptedRun } = useStudio.getState();
  if (!interrupted || running) return null;
  const { epoch } = interrupted.checkpoint;
  // A pretrained block's run keeps no checkpoint of its head to go on from (see trainingSlice).
  const startsAgain = interrupted.spec.nodes.some((node) => node.trainable === false);
  const reason = !hasData
    ? dataPending
      ? "Resume waits for the data to load."
      : "Resume needs the project's data: load it again in the Data section."
    : null;
  return (
    <div role="status" className="notice" data-testid="interrupted-run">
      <p>
        A training run stopped when the page closed, after epoch {epoch} of{" "}
        {interrupted.config.epochs}.{" "}
        {startsAgain
          ? "It trains on a pretrained block, whose progress is not kept: Resume starts it again from epoch 1, with the same settings (load the same pretrained model first)."
          : "Resume it from there: it ends where an unbroken run would."}
      </p>
      {reason && (
        <p className="hint" id="resume-blocker">
          {reason}
        </p>
      )}
      <div className="controls">
        <button
          type="button"
          disabled={!hasData}
          aria-describedby={reason ? "resume-blocker" : undefined}
          onClick={() => void resumeInterruptedRun()}
        >
          {startsAgain ? "Train it again" : "Resume training"}
        </button>
        <button type="button" className="secondary" onClick={discardInterruptedRun}>
          Discard it
        </button>
      </div>
    </div>
  );
}

/** The open project's name (editable) and whether it is saved. */
export function ProjectHeader() {
  const name = useStudio((s) => s.projectName);
  const status = useStudio((s) => s.projectStatus);
  const { renameProject } = useStudio.getState();
  return (
    <div className="controls">
      <label>
        Project name{" "}
        <input
          data-testid="project-name"
          value={name}
          maxLength={200}
          onChange={(e) => renameProject(e.target.value)}
        />
      </label>
      <span role="status" className="hint" data-state={status}>
        {STATUS_TEXT[status]}
      </span>
    </div>
  );
}

/**
 * What the page must tell about the project at once, shown at the top: a run to resume, and what
 * went wrong with storage (quota, a damaged record, missing data, another tab) with what to do.
 */
export function ProjectNotices() {
  const alert = useStudio((s) => s.projectAlert);
  const conflict = useStudio((s) => s.projectConflict);
  const projectId = useStudio((s) => s.projectId);
  const { dismissProjectAlert, openProject, keepMineAsCopy } = useStudio.getState();
  return (
    <>
      <InterruptedRunNote />
      {alert && (
        <div className="alert" role="alert">
          <p>{alert}</p>
          {conflict ? (
            <div className="controls">
              <button type="button" onClick={() => void openProject(projectId)}>
                Open the other tab's version
              </button>
              <button type="button" onClick={keepMineAsCopy}>
                Keep this tab's version as a copy
              </button>
            </div>
          ) : (
            <button type="button" onClick={dismissProjectAlert}>
              Dismiss
            </button>
          )}
        </div>
      )}
    </>
  );
}
