/**
 * The server's storage seam: metadata (shares, versions, token hashes, deletions) and bundle bytes
 * are kept apart, so a deployment can put the first in Postgres and the second in object storage
 * by implementing these two interfaces. Everything is async for that reason.
 */

/** One published version of a share. */
export interface ShareVersion {
  version: number;
  /** The model's name and task as the bundle states them (after readBundle validated it). */
  name: string;
  task: string;
  /** The ONNX file inside the zip that v2 inference serves (pipeline for tables). */
  servedEntry: string;
  /** Size of the uploaded zip in bytes. */
  bytes: number;
  createdAt: string;
  /** A hash of the uploading client's address, for its storage quota ("" when not known). */
  uploader?: string;
}

/** Bytes of live (not deleted) bundles: everyone's, and one uploader's. */
export interface StorageUsage {
  total: number;
  byUploader: number;
}

export interface ShareRecord {
  id: string;
  createdAt: string;
  updatedAt: string;
  /** Set once the owner deleted the share; its bundles are gone and everything answers 410. */
  deletedAt: string | null;
  /** Oldest first; empty once deleted. */
  versions: ShareVersion[];
}

export interface MetadataStore {
  /** Creates a share with its first version. */
  createShare(id: string, tokenHash: string, first: ShareVersion): Promise<void>;
  getShare(id: string): Promise<ShareRecord | null>;
  /** SHA-256 hex of the owner token, or null for an unknown id. */
  tokenHash(id: string): Promise<string | null>;
  /** Appends `entry` (its `version` must be the next number); fails when that number exists. */
  addVersion(id: string, entry: ShareVersion): Promise<void>;
  /** Marks the share deleted and forgets its versions. */
  markDeleted(id: string, at: string): Promise<void>;
  /** Stored bytes, for the quotas. */
  usage(uploader: string): Promise<StorageUsage>;
  close(): Promise<void>;
}

export interface BlobStore {
  /** Stores a bundle; visible to `get` only once complete; on failure nothing is left behind. */
  put(id: string, version: number, bytes: Uint8Array): Promise<void>;
  /** Removes one version (an upload whose metadata could not be written). */
  delete(id: string, version: number): Promise<void>;
  get(id: string, version: number): Promise<Uint8Array | null>;
  /** Removes every version of a share. */
  deleteAll(id: string): Promise<void>;
}
