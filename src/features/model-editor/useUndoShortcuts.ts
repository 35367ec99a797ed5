import { useEffect } from "react";
import { useStudio } from "../../store";

/** True where typing happens: undo there belongs to the field, not to the model. */
function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return (
    target instanceof HTMLInputElement &&
    !["checkbox", "radio", "button", "file"].includes(target.type)
  );
}

/** Ctrl/Cmd+Z undoes a model edit; Shift+Ctrl/Cmd+Z (or Ctrl+Y) redoes it. */
export function useUndoShortcuts() {
  const undo = useStudio((s) => s.undo);
  const redo = useStudio((s) => s.redo);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || isTextField(event.target)) return;
      const key = event.key.toLowerCase();
      if (key === "z") {
        event.preventDefault();
        if (event.shiftKey) redo();
        else undo();
      } else if (key === "y" && !event.shiftKey) {
        event.preventDefault();
        redo();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [undo, redo]);
}
