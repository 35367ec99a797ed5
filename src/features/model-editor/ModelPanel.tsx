import { ReactFlowProvider } from "@xyflow/react";
import { useStudio } from "../../store";
import { selectDataFitProblems } from "../../store/selectors";
import { Inspector } from "./Inspector";
import { LayerPalette } from "./LayerPalette";
import { ModelCanvas } from "./ModelCanvas";
import { ModelReplacedNote } from "./ModelReplacedNote";
import { ModelSummary } from "./ModelSummary";
import { ModelToolbar } from "./ModelToolbar";
import { useUndoShortcuts } from "./useUndoShortcuts";

export function ModelPanel() {
  useUndoShortcuts();
  const fitProblems = useStudio(selectDataFitProblems);
  const fitHead = useStudio((s) => s.fitHead);
  const templateError = useStudio((s) => s.templateError);

  return (
    <ReactFlowProvider>
      <div className="stack">
        <ModelToolbar />
        <ModelReplacedNote />
        {templateError && (
          <p className="alert" role="alert">
            {templateError}
          </p>
        )}
        {fitProblems.length > 0 && (
          <div className="warning" role="status">
            {fitProblems.map((problem) => (
              <p key={problem.message}>{problem.message}</p>
            ))}
            {fitProblems.some((p) => p.fixable) && (
              <button type="button" onClick={fitHead}>
                Fix the model's ends for this data
              </button>
            )}
          </div>
        )}
        <div className="editor">
          <LayerPalette />
          <ModelCanvas />
          <Inspector />
        </div>
        <ModelSummary />
      </div>
    </ReactFlowProvider>
  );
}
