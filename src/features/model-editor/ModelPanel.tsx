import "./model-editor.css";
import { ANIMATED_FIT } from "./fitView";
import { ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { TEMPLATES } from "../../core/model/templates";
import { useStudio } from "../../store";
import { selectDataFitProblems } from "../../store/selectors";
import { Inspector } from "./Inspector";
import { LayerPalette } from "./LayerPalette";
import { CANVAS_ID, ModelCanvas } from "./ModelCanvas";
import { ModelReplacedNote } from "./ModelReplacedNote";
import { ModelSummary } from "./ModelSummary";
import { ModelToolbar } from "./ModelToolbar";
import { PretrainedSource } from "./PretrainedSource";
import { useUndoShortcuts } from "./useUndoShortcuts";

export function ModelPanel() {
  useUndoShortcuts();
  const fitProblems = useStudio(selectDataFitProblems);
  const fitHead = useStudio((s) => s.fitHead);

  return (
    <ReactFlowProvider>
      <div className="stack">
        <a
          className="skip-link"
          href={`#${CANVAS_ID}`}
          onClick={(event) => {
            // Past the toolbar and the palette: the next Tab reaches the first layer.
            event.preventDefault();
            const canvas = document.getElementById(CANVAS_ID);
            canvas?.scrollIntoView({ block: "nearest" });
            canvas?.focus({ preventScroll: true });
          }}
        >
          Skip to the canvas
        </a>
        <PretrainedSource />
        <ModelToolbar />
        <ModelReplacedNote />
        <TemplateAlert />
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

/** Why a template does not suit the data, with the one that does a click away. */
function TemplateAlert() {
  const templateError = useStudio((s) => s.templateError);
  const templateOffer = useStudio((s) => s.templateOffer);
  const applyTemplate = useStudio((s) => s.applyTemplate);
  const { fitView } = useReactFlow();
  if (!templateError) return null;
  return (
    <div className="alert" role="alert">
      <p>{templateError}</p>
      {templateOffer && (
        <button
          type="button"
          onClick={() => {
            applyTemplate(templateOffer);
            setTimeout(() => void fitView(ANIMATED_FIT), 50);
          }}
        >
          Use the {TEMPLATES.find((t) => t.id === templateOffer)?.label ?? templateOffer}
        </button>
      )}
    </div>
  );
}
