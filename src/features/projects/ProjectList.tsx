import { useEffect, useState } from "react";
import { useStudio } from "../../store";
import { formatWhen } from "../../ui/format";

const formatBytes = (bytes: number) =>
  bytes < 1024 * 1024
    ? `${(bytes / 1024).toFixed(0)} KB`
    : bytes < 1024 ** 3
      ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
      : `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** The browser's storage in use and its quota, and whether it may evict this site's data. */
function StorageUse() {
  const revision = useStudio((s) => s.projectRevision);
  const count = useStudio((s) => s.projectList.length);
  const [estimate, setEstimate] = useState<StorageEstimate | null>(null);
  const [persisted, setPersisted] = useState<boolean | null>(null);
  const storage = typeof navigator !== "undefined" ? navigator.storage : undefined;

  useEffect(() => {
    void storage?.estimate?.().then(setEstimate);
    void storage?.persisted?.().then(setPersisted);
  }, [storage, revision, count]);

  if (!storage?.estimate) return null;
  return (
    <p className="hint" data-testid="storage-use">
      {estimate
        ? `Storage used: ${formatBytes(estimate.usage ?? 0)} of ${formatBytes(estimate.quota ?? 0)} this browser allows.`
        : "Measuring storage…"}{" "}
      {persisted === true && "Kept even when the browser runs short of space."}
      {persisted === false && storage.persist && (
        <button type="button" onClick={() => void storage.persist().then(setPersisted)}>
          Keep my projects when space runs short
        </button>
      )}
    </p>
  );
}

function ProjectItem(props: { id: string }) {
  const summary = useStudio((s) => s.projectList.find((p) => p.id === props.id));
  const openId = useStudio((s) => s.projectId);
  const { openProject, duplicateProject, deleteProject } = useStudio.getState();
  const [confirming, setConfirming] = useState(false);
  if (!summary) return null;
  const isOpen = summary.id === openId;
  return (
    <li data-project-id={summary.id} aria-current={isOpen ? "true" : undefined}>
      <strong>{summary.name}</strong>{" "}
      <span className="hint">
        {summary.datasetName ?? "no data"}
        {summary.datasetName && summary.datasetBytes
          ? ` (${formatBytes(summary.datasetBytes)})`
          : ""}{" "}
        · {summary.runCount} run
        {summary.runCount === 1 ? "" : "s"}
        {summary.runCount > 0 && summary.storedBytes !== undefined
          ? ` (${formatBytes(summary.storedBytes)})`
          : ""}{" "}
        · saved {formatWhen(summary.updatedAt)}
      </span>{" "}
      {confirming ? (
        <span role="group" aria-label={`Delete ${summary.name}?`}>
          Delete “{summary.name}” and its runs?{" "}
          <button type="button" onClick={() => deleteProject(summary.id)}>
            Delete
          </button>{" "}
          <button type="button" onClick={() => setConfirming(false)}>
            Keep it
          </button>
        </span>
      ) : (
        <>
          {!isOpen && (
            <button type="button" onClick={() => void openProject(summary.id)}>
              Open
            </button>
          )}{" "}
          <button type="button" onClick={() => void duplicateProject(summary.id)}>
            Duplicate
          </button>{" "}
          <button type="button" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        </>
      )}
    </li>
  );
}

/**
 * The saved projects: new, open, duplicate, delete (with undo), and the storage they take: each
 * entry its data's size (stored once, however many projects use it) and its runs' (with models).
 */
export function ProjectList() {
  const ids = useStudio((s) => s.projectList.map((p) => p.id).join("\n"));
  const pending = useStudio((s) => s.pendingDeletion?.summary.name ?? null);
  const { newProject, undoDeleteProject } = useStudio.getState();
  return (
    <div className="stack">
      <div className="controls">
        <button
          type="button"
          data-testid="new-project-button"
          onClick={() => {
            newProject();
            // A new project starts with its data: take the person there, not leave them at the list.
            window.scrollTo({ top: 0 });
            document.getElementById("data")?.focus({ preventScroll: true });
          }}
        >
          New project
        </button>
      </div>
      {pending !== null && (
        <p role="status">
          “{pending}” deleted.{" "}
          <button type="button" onClick={undoDeleteProject}>
            Undo delete
          </button>
        </p>
      )}
      <ul className="project-list" data-testid="project-list" aria-label="Saved projects">
        {ids
          .split("\n")
          .filter(Boolean)
          .map((id) => (
            <ProjectItem key={id} id={id} />
          ))}
      </ul>
      <StorageUse />
    </div>
  );
}
