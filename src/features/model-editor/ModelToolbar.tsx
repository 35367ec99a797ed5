import { ANIMATED_FIT } from "./fitView";
import { useReactFlow } from "@xyflow/react";
import { TEMPLATES, type TemplateId } from "../../core/model/templates";
import { useStudio } from "../../store";

export function ModelToolbar() {
  const applyTemplate = useStudio((s) => s.applyTemplate);
  const arrange = useStudio((s) => s.arrange);
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  const canUndo = useStudio((s) => s.past.length > 0);
  const canRedo = useStudio((s) => s.future.length > 0);
  const selected = useStudio((s) => s.selectedNodeId);
  const duplicate = useStudio((s) => s.duplicateSelected);
  const remove = useStudio((s) => s.removeSelectedOr);
  const clear = useStudio((s) => s.clearModel);
  const isEmpty = useStudio((s) => s.spec.nodes.length === 0);
  const { fitView } = useReactFlow();

  return (
    <div className="toolbar" role="toolbar" aria-label="Model editing">
      <label className="inline">
        Start from a template{" "}
        <select
          value=""
          onChange={(e) => {
            if (e.target.value) applyTemplate(e.target.value as TemplateId);
            setTimeout(() => void fitView(ANIMATED_FIT), 50);
          }}
        >
          <option value="">Choose…</option>
          {TEMPLATES.map((t) => (
            <option key={t.id} value={t.id} title={t.description}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="secondary"
        onClick={undo}
        disabled={!canUndo}
        title="Ctrl/Cmd+Z"
      >
        Undo
      </button>
      <button
        type="button"
        className="secondary"
        onClick={redo}
        disabled={!canRedo}
        title="Shift+Ctrl/Cmd+Z"
      >
        Redo
      </button>
      <button
        type="button"
        className="secondary"
        onClick={() => {
          arrange();
          setTimeout(() => void fitView(ANIMATED_FIT), 50);
        }}
      >
        Arrange
      </button>
      <button type="button" className="secondary" onClick={() => void fitView(ANIMATED_FIT)}>
        Zoom to fit
      </button>
      <button type="button" className="secondary" onClick={duplicate} disabled={!selected}>
        Duplicate
      </button>
      <button type="button" className="secondary" onClick={() => remove([])} disabled={!selected}>
        Delete
      </button>
      <button type="button" className="secondary" onClick={clear} disabled={isEmpty}>
        Clear the canvas
      </button>
    </div>
  );
}
