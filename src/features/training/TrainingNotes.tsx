import { useStudio } from "../../store";

/** What the run bar has no room for: notes on what the run changed, and why it failed. */
export function TrainingNotes() {
  const notes = useStudio((s) => s.run.notes);
  const error = useStudio((s) => s.run.error);
  if (notes.length === 0 && !error) return null;
  return (
    <div className="stack">
      {notes.length > 0 && (
        <ul className="status-list" role="status">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {error && (
        <p className="alert" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
