import { openDB, type DBSchema, type IDBPDatabase } from "idb";
import type { ImageDataset } from "../core/data/images/types";
import { sha256Hex } from "../core/project/contentHash";
import { imageDatasetHash, migrateStoredImages } from "../core/project/imageRecord";
import {
  summarizeProject,
  type DatasetRef,
  type Project,
  type ProjectSummary,
} from "../core/project/project";
import { migrateProject } from "../core/project/projectSchema";
import {
  assembleProject,
  estimateStoredBytes,
  interruptedKeyOf,
  isSplitRecord,
  projectRecordOf,
  runChangesToStore,
  type StoredInterruptedRecord,
  type StoredProjectRecord,
  type StoredRunIndexEntry,
  type StoredRunRecord,
} from "../core/project/storedProject";
import { guardQuota } from "./storageQuota";
import type { ProjectStorage, SaveResult, StoredDataset } from "../services/projectStorage";

export { StorageQuotaError } from "./storageQuota";

/**
 * Projects and their datasets in IndexedDB. A project is a small record plus one record per run
 * (with its model) and one for an interrupted run's checkpoint (storedProject.ts), so an autosave
 * writes only what changed; a small summary beside each serves the list. Datasets are stored once
 * each by content hash: table files as their bytes, image sets as their decoded pixels.
 */

interface SummaryRecord extends ProjectSummary {
  datasetHash: string | null;
  revision: number;
  /** The runs stored for this project (absent before runs had records of their own). */
  runIndex?: StoredRunIndexEntry[];
  interruptedKey?: string | null;
  /** Estimated bytes of the stored checkpoint record (0 when none). */
  interruptedBytes?: number;
}

interface StudioDb extends DBSchema {
  /** StoredProjectRecord since database version 2; whole Projects (runs inline) before. */
  projects: { key: string; value: StoredProjectRecord | Project };
  summaries: { key: string; value: SummaryRecord };
  datasets: { key: string; value: StoredDataset };
  images: { key: string; value: { hash: string; dataset: ImageDataset } };
  runs: { key: [string, string]; value: StoredRunRecord };
  interrupted: { key: string; value: StoredInterruptedRecord };
  meta: { key: string; value: string };
}

export const DATABASE_NAME = "model-studio";
/** 1: projects stored whole; 2: runs, checkpoints and image sets in stores of their own. */
const DATABASE_VERSION = 2;
const PROJECT_STORES = [
  "projects",
  "summaries",
  "datasets",
  "images",
  "runs",
  "interrupted",
] as const;

/** Every run record of one project: keys [projectId, any run id]. */
const runsOf = (projectId: string) => IDBKeyRange.bound([projectId, ""], [projectId, "\uffff"]);

export class IndexedDbProjectStorage implements ProjectStorage {
  private db: Promise<IDBPDatabase<StudioDb>> | null = null;
  /** Records written and their estimated bytes (estimateStoredBytes), to measure what saves cost. */
  readonly written = { records: 0, bytes: 0 };

  constructor(private readonly name = DATABASE_NAME) {}

  private open(): Promise<IDBPDatabase<StudioDb>> {
    this.db ??= openDB<StudioDb>(this.name, DATABASE_VERSION, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) {
          db.createObjectStore("projects", { keyPath: "id" });
          db.createObjectStore("summaries", { keyPath: "id" });
          db.createObjectStore("datasets", { keyPath: "hash" });
          db.createObjectStore("meta");
        }
        if (oldVersion < 2) {
          db.createObjectStore("images", { keyPath: "hash" });
          db.createObjectStore("runs", { keyPath: ["projectId", "runId"] });
          db.createObjectStore("interrupted", { keyPath: "projectId" });
        }
      },
    });
    return this.db;
  }

  /** Counts a record about to be written; returns its estimated bytes. */
  private count(value: unknown): number {
    const bytes = estimateStoredBytes(value);
    this.written.records += 1;
    this.written.bytes += bytes;
    return bytes;
  }

  async listProjects(): Promise<ProjectSummary[]> {
    const all = await (await this.open()).getAll("summaries");
    return all
      .map(({ id, name, updatedAt, datasetName, runCount, storedBytes, datasetBytes }) => ({
        id,
        name,
        updatedAt,
        datasetName,
        runCount,
        ...(storedBytes === undefined ? {} : { storedBytes }),
        ...(datasetBytes === undefined ? {} : { datasetBytes }),
      }))
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  }

  async loadProject(id: string): Promise<Project | null> {
    const db = await this.open();
    const tx = db.transaction(["projects", "runs", "interrupted"], "readonly");
    const raw: unknown = await tx.objectStore("projects").get(id);
    if (raw === undefined) return null;
    if (!isSplitRecord(raw)) return migrateProject(raw);
    const [runs, interrupted] = await Promise.all([
      tx.objectStore("runs").getAll(runsOf(id)),
      tx.objectStore("interrupted").get(id),
    ]);
    return migrateProject(assembleProject(raw, runs, interrupted ?? null));
  }

  async saveProject(project: Project): Promise<SaveResult> {
    const db = await this.open();
    return guardQuota(`“${project.name}”`, async () => {
      const tx = db.transaction(PROJECT_STORES, "readwrite");
      const summaries = tx.objectStore("summaries");
      const stored = await summaries.get(project.id);
      const storedRevision = stored?.revision ?? -1;
      if (storedRevision >= project.revision) {
        tx.abort();
        await tx.done.catch(() => undefined);
        return { ok: false, conflict: true, storedRevision };
      }
      const runs = tx.objectStore("runs");
      const changes = runChangesToStore(stored?.runIndex, project.runs);
      const bytesOf = new Map((stored?.runIndex ?? []).map((entry) => [entry.id, entry.bytes]));
      for (const run of changes.put) {
        const record = { projectId: project.id, runId: run.id, run };
        bytesOf.set(run.id, this.count(record));
        await runs.put(record);
      }
      for (const runId of changes.remove) await runs.delete([project.id, runId]);
      const interruptedKey = interruptedKeyOf(project.interrupted);
      let interruptedBytes = stored?.interruptedBytes ?? 0;
      // Unknown (an older summary) counts as different: the checkpoint is written once more.
      if (stored?.interruptedKey !== interruptedKey) {
        interruptedBytes = 0;
        if (project.interrupted && interruptedKey) {
          const record = { projectId: project.id, key: interruptedKey, run: project.interrupted };
          interruptedBytes = this.count(record);
          await tx.objectStore("interrupted").put(record);
        } else await tx.objectStore("interrupted").delete(project.id);
      }
      const record = projectRecordOf(project);
      const recordBytes = this.count(record);
      const runIndex = project.runs.map((run) => ({
        id: run.id,
        weights: run.model !== undefined,
        bytes: bytesOf.get(run.id) ?? 0,
      }));
      const summary: SummaryRecord = {
        ...summarizeProject(project),
        storedBytes: recordBytes + interruptedBytes + runIndex.reduce((sum, e) => sum + e.bytes, 0),
        datasetHash: project.dataset?.hash ?? null,
        revision: project.revision,
        runIndex,
        interruptedKey,
        interruptedBytes,
      };
      this.count(summary);
      await tx.objectStore("projects").put(record);
      await summaries.put(summary);
      if (stored?.datasetHash && stored.datasetHash !== summary.datasetHash)
        await dropDatasetIfUnused(tx, stored.datasetHash);
      await tx.done;
      return { ok: true };
    });
  }

  async deleteProject(id: string): Promise<void> {
    const db = await this.open();
    const tx = db.transaction(PROJECT_STORES, "readwrite");
    const stored = await tx.objectStore("summaries").get(id);
    await tx.objectStore("projects").delete(id);
    await tx.objectStore("summaries").delete(id);
    await tx.objectStore("runs").delete(runsOf(id));
    await tx.objectStore("interrupted").delete(id);
    if (stored?.datasetHash) await dropDatasetIfUnused(tx, stored.datasetHash);
    await tx.done;
  }

  async putDataset(bytes: Uint8Array, fileName: string): Promise<DatasetRef> {
    const hash = await sha256Hex(bytes);
    const db = await this.open();
    await guardQuota(`the dataset “${fileName}”`, async () => {
      const tx = db.transaction("datasets", "readwrite");
      if ((await tx.store.getKey(hash)) === undefined) {
        this.count(bytes);
        await tx.store.put({ hash, fileName, bytes });
      }
      await tx.done;
    });
    return { kind: "table", hash, fileName, size: bytes.byteLength };
  }

  async getDataset(hash: string): Promise<StoredDataset | null> {
    return (await (await this.open()).get("datasets", hash)) ?? null;
  }

  async putImages(dataset: ImageDataset): Promise<DatasetRef> {
    const hash = await imageDatasetHash(dataset);
    const db = await this.open();
    await guardQuota(`the dataset “${dataset.sourceName}”`, async () => {
      const tx = db.transaction("images", "readwrite");
      if ((await tx.store.getKey(hash)) === undefined) {
        this.count(dataset);
        await tx.store.put({ hash, dataset });
      }
      await tx.done;
    });
    return { kind: "images", hash, fileName: dataset.sourceName, size: dataset.pixels.byteLength };
  }

  async getImages(hash: string): Promise<ImageDataset | null> {
    const stored = await (await this.open()).get("images", hash);
    return stored ? migrateStoredImages(stored.dataset) : null;
  }

  async datasetHashes(): Promise<string[]> {
    const db = await this.open();
    return [...(await db.getAllKeys("datasets")), ...(await db.getAllKeys("images"))];
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

/** Removes a dataset (table or image set) no project's summary refers to, in the caller's transaction. */
async function dropDatasetIfUnused(
  tx: {
    objectStore(name: "summaries"): { getAll(): Promise<Array<{ datasetHash: string | null }>> };
    objectStore(name: "datasets" | "images"): { delete(key: string): Promise<void> };
  },
  hash: string,
): Promise<void> {
  const all = await tx.objectStore("summaries").getAll();
  if (all.some((summary) => summary.datasetHash === hash)) return;
  await tx.objectStore("datasets").delete(hash);
  await tx.objectStore("images").delete(hash);
}
