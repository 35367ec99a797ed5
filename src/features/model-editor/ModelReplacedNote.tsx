import { useStudio } from "../../store";

/** Says that new data replaced the person's model with the default, and offers it back. */
export function ModelReplacedNote() {
  const replaced = useStudio((s) => s.customModelReplaced);
  const restore = useStudio((s) => s.restoreReplacedModel);
  const dismiss = useStudio((s) => s.dismissModelReplaced);
  if (!replaced) return null;
  return (
    <div className="warning" role="status">
      <p>
        The new data got the default model; the model you had built was replaced. Undo brings it
        back, with its input fitted to the new data.
      </p>
      <button type="button" onClick={restore}>
        Undo: restore my model
      </button>{" "}
      <button type="button" className="link-button" onClick={dismiss}>
        Keep the default
      </button>
    </div>
  );
}
