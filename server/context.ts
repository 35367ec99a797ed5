/** What every route plugin shares: configuration, storage and the session cache. */
import type { SessionCache } from "./inference/sessions";
import type { BlobStore, MetadataStore } from "./storage/types";

export interface ServerConfig {
  /** Where SQLite and the bundle files live. */
  dataDir: string;
  /** The built studio (vite's dist/); not served when it does not exist. */
  staticDir: string | null;
  /** Largest bundle upload in bytes (413 past it). */
  maxBundleBytes: number;
  /** Origin written into share links; by default the request's own. */
  publicUrl: string | null;
}

export interface ServerContext {
  config: ServerConfig;
  meta: MetadataStore;
  blobs: BlobStore;
  sessions: SessionCache;
}

/** A failure with an HTTP status, answered as `{"error": message}`. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
  }
}

export const DELETED_MESSAGE = "This shared model was deleted by its owner.";

export const SHARE_ID_PATTERN = "^[A-Za-z0-9_-]{1,64}$";

export const errorSchema = {
  type: "object",
  properties: { error: { type: "string" } },
  required: ["error"],
} as const;
