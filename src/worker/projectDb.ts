import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import { sha256Hex } from "../core/project/contentHash";
import {
  summarizeProject,
  type DatasetRef,
  type Project,
  type ProjectSummary,
} from "../core/project/project";
import { migrateProject } from "../core/project/projectSchema";

/**
 * Projects and their datasets in IndexedDB. Projects are stored whole (runs, models, checkpoint)
 * with a small summary beside each for the list; datasets once each, by the SHA-256 of their bytes.
 */

export interface StoredDataset {
  hash: string;
  fileName: string;
  bytes: Uint8Array;
}

export type SaveResult =
  | { ok: true }
  /** Another tab saved this project since this one read it: its revision is ahead. */
  | { ok: false; conflict: true; storedRevision: number };

/** What the store needs from storage; `IndexedDbProjectStorage` in the page and in Node tests. */
export interface ProjectStorage {
  listProjects(): Promise<ProjectSummary[]>;
  /** Null when there is no such project; throws ProjectFormatError when it fails its schema. */
  loadProject(id: string): Promise<Project | null>;
  /**
   * Saves the project unless the stored copy's revision is not below `project.revision` (another
   * tab saved meanwhile). A dataset no project refers to any more is removed.
   */
  saveProject(project: Project): Promise<SaveResult>;
  deleteProject(id: string): Promise<void>;
  /** Stores the bytes once under their hash (a second project on the same file adds nothing). */
  putDataset(bytes: Uint8Array, fileName: string): Promise<DatasetRef>;
  getDataset(hash: string): Promise<StoredDataset | null>;
  datasetHashes(): Promise<string[]>;
  lastOpenProject(): Promise<string | null>;
  setLastOpenProject(id: string | null): Promise<void>;
}

/** The browser refused to store more (QuotaExceededError); nothing already stored is lost. */
export class StorageQuotaError extends Error {
  override name = "StorageQuotaError";
}

interface StudioDb extends DBSchema {
  projects: { key: string; value: Project };
  summaries: {
    key: string;
    value: ProjectSummary & { datasetHash: string | null; revision: number };
  };
  datasets: { key: string; value: StoredDataset };
  meta: { key: string; value: string };
}

export const DATABASE_NAME = "model-studio";
const DATABASE_VERSION = 1;

function isQuotaError(error: unknown): boolean {
  return (
    typeof error === "object" &&
    error !== null &&
    "name" in error &&
    (error as { name: unknown }).name === "QuotaExceededError"
  );
}

/** Turns a quota refusal into a StorageQuotaError that says what to do. */
async function guardQuota<T>(what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isQuotaError(error)) {
      throw new StorageQuotaError(
        `The browser's storage is full, so ${what} was not saved. Your work is still open here: delete old projects or runs' weights (Projects section), or allow persistent storage, then it is saved again with the next change.`,
      );
    }
    throw error;
  }
}

export class IndexedDbProjectStorage implements ProjectStorage {
  private db: Promise<IDBPDatabase<StudioDb>> | null = null;

  constructor(private readonly name = DATABASE_NAME) {}

  private open(): Promise<IDBPDatabase<StudioDb>> {
    this.db ??= openDB<StudioDb>(this.name, DATABASE_VERSION, {
      upgrade(db) {
        db.createObjectStore("projects", { keyPath: "id" });
        db.createObjectStore("summaries", { keyPath: "id" });
        db.createObjectStore("datasets", { keyPath: "hash" });
        db.createObjectStore("meta");
      },
    });
    return this.db;
  }

  async listProjects(): Promise<ProjectSummary[]> {
    const all = await (await this.open()).getAll("summaries");
    return all
      .map(({ datasetHash, revision, ...summary }) => (void datasetHash, void revision, summary))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async loadProject(id: string): Promise<Project | null> {
    const raw = await (await this.open()).get("projects", id);
    return raw === undefined ? null : migrateProject(raw);
  }

  async saveProject(project: Project): Promise<SaveResult> {
    const db = await this.open();
    return guardQuota(`“${project.name}”`, async () => {
      const tx = db.transaction(["projects", "summaries", "datasets"], "readwrite");
      const stored = await tx.objectStore("summaries").get(project.id);
      const storedRevision = stored?.revision ?? -1;
      if (storedRevision >= project.revision) {
        tx.abort();
        await tx.done.catch(() => undefined);
        return { ok: false, conflict: true, storedRevision };
      }
      const datasetHash = project.dataset?.hash ?? null;
      await tx.objectStore("projects").put(project);
      await tx.objectStore("summaries").put({
        ...summarizeProject(project),
        datasetHash,
        revision: project.revision,
      });
      if (stored?.datasetHash && stored.datasetHash !== datasetHash)
        await dropDatasetIfUnused(
          tx.objectStore("summaries"),
          tx.objectStore("datasets"),
          stored.datasetHash,
        );
      await tx.done;
      return { ok: true };
    });
  }

  async deleteProject(id: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(["projects", "summaries", "datasets"], "readwrite");
    const stored = await tx.objectStore("summaries").get(id);
    await tx.objectStore("projects").delete(id);
    await tx.objectStore("summaries").delete(id);
    if (stored?.datasetHash)
      await dropDatasetIfUnused(
        tx.objectStore("summaries"),
        tx.objectStore("datasets"),
        stored.datasetHash,
      );
    await tx.done;
  }

  async putDataset(bytes: Uint8Array, fileName: string): Promise<DatasetRef> {
    const hash = await sha256Hex(bytes);
    const db = await this.open();
    await guardQuota(`the dataset “${fileName}”`, async () => {
      const tx = db.transaction("datasets", "readwrite");
      if ((await tx.store.getKey(hash)) === undefined)
        await tx.store.put({ hash, fileName, bytes });
      await tx.done;
    });
    return { hash, fileName, size: bytes.byteLength };
  }

  async getDataset(hash: string): Promise<StoredDataset | null> {
    return (await (await this.open()).get("datasets", hash)) ?? null;
  }

  async datasetHashes(): Promise<string[]> {
    return (await this.open()).getAllKeys("datasets");
  }

  async lastOpenProject(): Promise<string | null> {
    return (await (await this.open()).get("meta", "lastOpen")) ?? null;
  }

  async setLastOpenProject(id: string | null): Promise<void> {
    const db = await this.open();
    if (id === null) await db.delete("meta", "lastOpen");
    else await db.put("meta", id, "lastOpen");
  }
}

/** Removes a dataset no project's summary refers to (within the caller's transaction). */
async function dropDatasetIfUnused(
  summaries: { getAll(): Promise<Array<{ datasetHash: string | null }>> },
  datasets: { delete(key: string): Promise<void> },
  hash: string,
): Promise<void> {
  const all = await summaries.getAll();
  if (!all.some((summary) => summary.datasetHash === hash)) await datasets.delete(hash);
}
