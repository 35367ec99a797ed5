/** What every route plugin shares: configuration, storage, the worker pool, hosted models. */
import type { ServerConfig } from "./config";
import type { InlineInference } from "./inference/inline";
import type { ModelRegistry } from "./inference/models";
import type { BlobStore, MetadataStore } from "./storage/types";
import type { WorkPool } from "./work/pool";

export type { ServerConfig } from "./config";

export interface ServerContext {
  config: ServerConfig;
  meta: MetadataStore;
  blobs: BlobStore;
  pool: WorkPool;
  models: ModelRegistry;
  /** Small requests to small dense models, answered on the main thread. */
  inline: InlineInference;
}

/** A failure with an HTTP status, answered as `{"error": message}` (with `headers`, if any). */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
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
