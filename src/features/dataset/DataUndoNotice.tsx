import { useStudio } from "../../store";

/**
 * Says that a file replaced the loaded data (and with it the report on screen), with Undo: a
 * replacement is never silent and never final. The project's kept runs are not touched by either.
 */
export function DataUndoNotice() {
  const undo = useStudio((s) => s.dataUndo);
  const { undoDataReplacement, dismissDataUndo } = useStudio.getState();
  if (!undo) return null;
  return (
    <div className="notice" role="status" data-testid="data-undo">
      <span>
        “{undo.newName}” replaced “{undo.previousName}”, with its column choices, model and report.
        The project's kept runs are still in Projects.
      </span>{" "}
      <button type="button" onClick={() => void undoDataReplacement()}>
        Undo: bring back “{undo.previousName}”
      </button>{" "}
      <button type="button" className="secondary" onClick={dismissDataUndo}>
        Keep the new data
      </button>
    </div>
  );
}
