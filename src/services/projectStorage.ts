import type { ImageDataset } from "../core/data/images/types";
import type { DatasetRef, Project, ProjectSummary } from "../core/project/project";

/**
 * Where projects and their datasets are kept: IndexedDB in the page (`IndexedDbProjectStorage`),
 * the same on `fake-indexeddb` in Node tests.
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
  /** Stores decoded pictures once under `imageDatasetHash` (the same set twice adds nothing). */
  putImages(dataset: ImageDataset): Promise<DatasetRef>;
  /** Null when missing; throws StoredImagesError when the record fails its schema. */
  getImages(hash: string): Promise<ImageDataset | null>;
  /** Every stored dataset's hash, tables and image sets alike. */
  datasetHashes(): Promise<string[]>;
  lastOpenProject(): Promise<string | null>;
  setLastOpenProject(id: string | null): Promise<void>;
}
