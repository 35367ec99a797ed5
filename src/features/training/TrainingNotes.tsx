import { describeChoice, describeWasmThreads } from "../../core/backend/choice";
import { useStudio } from "../../store";

/**
 * What the run bar has no room for: the measured backend speeds behind an auto choice, notes on
 * what the run changed, and why it failed.
 */
export function TrainingNotes() {
  const notes = useStudio((s) => s.run.notes);
  const error = useStudio((s) => s.run.error);
  const choice = useStudio((s) => s.run.choice);
  const runtime = useStudio((s) => s.run.runtime);
  const threadTimings = useStudio((s) => s.run.wasmThreadTimings);
  const threads =
    runtime && runtime.wasmThreads !== null
      ? describeWasmThreads(runtime.wasmThreads, runtime.crossOriginIsolated, threadTimings)
      : null;
  if (notes.length === 0 && !error && !choice && !threads) return null;
  return (
    <div className="stack">
      {(choice || threads) && (
        <p
          role="status"
          data-testid="backend-speeds"
          data-backend={choice?.backend}
          data-wasm-threads={runtime?.wasmThreads ?? undefined}
          data-isolated={runtime ? String(runtime.crossOriginIsolated) : undefined}
        >
          {choice && describeChoice(choice, choice.cached)} {threads}
        </p>
      )}
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
