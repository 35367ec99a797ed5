import type { InterruptedRun, Project, ProjectRun } from "./project";
import { ProjectFormatError } from "./projectSchema";

/**
 * How a Project is laid out in storage so that an autosave writes only what changed: the project
 * itself (settings, canvas, the list of its runs) is one small record; each run (with its trained
 * model, the bulk of a project) is its own record, written once when the run ends and again only
 * when its weights are dropped; a run in flight keeps its checkpoint in a record of its own,
 * written when a newer epoch's checkpoint arrives.
 */

/** The project record: a Project without its runs and checkpoint, which it names instead. */
export type StoredProjectRecord = Omit<Project, "runs" | "interrupted"> & {
  /** The project's runs, oldest first, each stored as a StoredRunRecord. */
  runIds: string[];
  /** `interruptedKeyOf` of the stored checkpoint record, or null when there is none. */
  interruptedKey: string | null;
};

/** One run of one project, keyed by [projectId, runId]. */
export interface StoredRunRecord {
  projectId: string;
  runId: string;
  run: ProjectRun;
}

/** The checkpoint of a project's run cut short, keyed by projectId. */
export interface StoredInterruptedRecord {
  projectId: string;
  key: string;
  run: InterruptedRun;
}

/** What storage remembers of a stored run, to tell whether it must be written again. */
export interface StoredRunIndexEntry {
  id: string;
  /** Whether the stored record holds the trained model. */
  weights: boolean;
  /** Its estimated size (estimateStoredBytes), for the storage each project takes. */
  bytes: number;
}

/** Names a checkpoint: the run and its epoch (a run's checkpoint for one epoch never changes). */
export function interruptedKeyOf(run: InterruptedRun | null): string | null {
  return run ? `${run.id}@${run.checkpoint.epoch}` : null;
}

/**
 * The run records a save must write (new runs, and runs whose weights were dropped since) and the
 * run ids it must delete (runs no longer in the project). `stored` is the index from the last save,
 * undefined when nothing is known (then every run is written).
 */
export function runChangesToStore(
  stored: StoredRunIndexEntry[] | undefined,
  runs: ProjectRun[],
): { put: ProjectRun[]; remove: string[] } {
  const before = new Map((stored ?? []).map((entry) => [entry.id, entry.weights]));
  const put = stored
    ? runs.filter((run) => before.get(run.id) !== (run.model !== undefined))
    : runs;
  const kept = new Set(runs.map((run) => run.id));
  return { put, remove: [...before.keys()].filter((id) => !kept.has(id)) };
}

/** The project record of a project (its runs and checkpoint go to their own records). */
export function projectRecordOf(project: Project): StoredProjectRecord {
  const { runs, interrupted, ...rest } = project;
  return {
    ...rest,
    runIds: runs.map((run) => run.id),
    interruptedKey: interruptedKeyOf(interrupted),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null;

/** True for a record stored split (format 3 onwards); older records hold their runs inline. */
export function isSplitRecord(
  raw: unknown,
): raw is Record<string, unknown> & { runIds: unknown[] } {
  return isRecord(raw) && Array.isArray(raw.runIds);
}

/**
 * Puts a split project back together (still raw: `migrateProject` checks it). Throws
 * ProjectFormatError when a run or the checkpoint it names is missing from storage.
 */
export function assembleProject(
  raw: Record<string, unknown> & { runIds: unknown[] },
  runs: Array<{ runId: unknown; run: unknown }>,
  interrupted: { key: unknown; run: unknown } | null,
): Record<string, unknown> {
  const { runIds, interruptedKey, ...rest } = raw;
  const byId = new Map(runs.map((record) => [record.runId, record.run]));
  const name = typeof raw.name === "string" ? `“${raw.name.slice(0, 80)}”` : "A saved project";
  const missing = runIds.filter((id) => !byId.has(id));
  if (missing.length > 0)
    throw new ProjectFormatError(
      `${name} is damaged: ${missing.length} of its runs ${missing.length === 1 ? "is" : "are"} missing from storage. Delete it, or open another project.`,
    );
  const checkpoint =
    typeof interruptedKey === "string" && interrupted?.key === interruptedKey
      ? interrupted.run
      : null;
  return { ...rest, runs: runIds.map((id) => byId.get(id)), interrupted: checkpoint };
}

/**
 * About how many bytes a value takes when stored (its structured clone's payload): typed arrays
 * by their byteLength, strings one byte a character, numbers 8. To compare what saves write, not
 * the exact bytes on disk.
 */
export function estimateStoredBytes(value: unknown): number {
  if (value === null || value === undefined) return 1;
  if (typeof value === "string") return value.length;
  if (typeof value === "number") return 8;
  if (typeof value === "boolean") return 1;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + estimateStoredBytes(item), 0);
  if (isRecord(value))
    return Object.entries(value).reduce(
      (sum, [key, item]) => sum + key.length + estimateStoredBytes(item),
      0,
    );
  return 8;
}
