import { useStudio } from "../../store";

const STATUS_TEXT = {
  unsaved: "Not saved yet",
  saving: "Saving…",
  saved: "Saved in this browser",
  loading: "Opening…",
} as const;

/** The open project's name (editable), whether it is saved, and what went wrong with storage. */
export function ProjectHeader() {
  const name = useStudio((s) => s.projectName);
  const status = useStudio((s) => s.projectStatus);
  const alert = useStudio((s) => s.projectAlert);
  const conflict = useStudio((s) => s.projectConflict);
  const projectId = useStudio((s) => s.projectId);
  const { renameProject, dismissProjectAlert, openProject, keepMineAsCopy } = useStudio.getState();
  return (
    <div className="stack">
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
    </div>
  );
}
