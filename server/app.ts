/**
 * The studio's server: the built studio (with cross-origin isolation headers and the shared-view
 * route), the share API and v2 inference, on Fastify with a JSON schema on every route. Storage is
 * SQLite plus bundle files under `dataDir` unless a deployment passes its own stores.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { CROSS_ORIGIN_ISOLATION_HEADERS } from "../src/core/backend/isolation";
import { BundleError } from "../src/core/export/bundleZip";
import { HttpError, type ServerConfig, type ServerContext } from "./context";
import { InferRequestError } from "./inference/v2Request";
import { SessionCache } from "./inference/sessions";
import { shareRoutes } from "./routes/shares";
import { v2Routes } from "./routes/v2";
import { FileBlobStore } from "./storage/fileBlobs";
import { SqliteMetadataStore } from "./storage/sqliteMetadata";
import type { BlobStore, MetadataStore } from "./storage/types";

export type { ServerConfig } from "./context";

/**
 * Headers every response carries: the studio's own isolation pair (one declaration for vite and this
 * server), and CORP so that a page under `require-corp` may load each of our responses.
 */
export const ISOLATION_HEADERS = {
  ...CROSS_ORIGIN_ISOLATION_HEADERS,
  "Cross-Origin-Resource-Policy": "same-origin",
} as const;

/** Largest v2 infer body (JSON): a few thousand rows of a wide table. */
const INFER_BODY_LIMIT = 16 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`;

function errorMessage(
  error: FastifyError,
  config: ServerConfig,
): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.statusCode, message: error.message };
  if (error instanceof BundleError || error instanceof InferRequestError) {
    return { status: 400, message: error.message };
  }
  if (error.validation) return { status: 400, message: `Bad request: ${error.message}.` };
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return {
      status: 413,
      message: `The request body is larger than the server accepts (${megabytes(config.maxBundleBytes)} for a bundle).`,
    };
  }
  const status = error.statusCode ?? 500;
  return { status, message: status >= 500 ? "The server failed; try again." : error.message };
}

export interface ServerStores {
  meta?: MetadataStore;
  blobs?: BlobStore;
}

/** Builds the server (not yet listening). Closing it closes the stores. */
export async function createServer(
  config: ServerConfig,
  stores: ServerStores = {},
): Promise<FastifyInstance> {
  mkdirSync(config.dataDir, { recursive: true });
  const ctx: ServerContext = {
    config,
    meta: stores.meta ?? new SqliteMetadataStore(join(config.dataDir, "shares.sqlite")),
    blobs: stores.blobs ?? new FileBlobStore(join(config.dataDir, "bundles")),
    sessions: new SessionCache(),
  };
  const app = Fastify({
    logger: process.env.LOG_LEVEL ? { level: process.env.LOG_LEVEL } : false,
    // Types are checked, not coerced: "2" is not a shape dimension.
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
  });

  app.addContentTypeParser(
    ["application/zip", "application/octet-stream"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
  app.addHook("onSend", async (_request, reply, payload) => {
    reply.headers(ISOLATION_HEADERS);
    return payload;
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message } = errorMessage(error, config);
    if (status >= 500) request.log.error(error);
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="model-studio"');
    return reply.code(status).send({ error: message });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `Nothing at ${request.method} ${request.url.split("?")[0]}.` }),
  );
  app.addHook("onClose", async () => {
    ctx.sessions.clear();
    await ctx.meta.close();
  });

  shareRoutes(app, ctx);
  v2Routes(app, ctx, INFER_BODY_LIMIT);

  const staticDir = config.staticDir ? resolve(config.staticDir) : null;
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    await app.register(fastifyStatic, { root: staticDir, prefix: "/", index: "index.html" });
    // The shared view is a page of the studio: /s/{id} serves index.html, the studio reads the path.
    app.get(
      "/s/:id",
      { schema: { params: { type: "object", properties: { id: { type: "string" } } } } },
      (_request, reply) => reply.header("cache-control", "no-cache").sendFile("index.html"),
    );
  }
  return app;
}

/** Reads the configuration from the environment (PORT and HOST are read by the caller). */
export function configFromEnv(
  env: NodeJS.ProcessEnv,
  defaultStaticDir: string | null,
): ServerConfig {
  const maxMb = Number(env.MAX_BUNDLE_MB ?? 50);
  return {
    dataDir: resolve(env.DATA_DIR ?? "./data"),
    staticDir: env.STATIC_DIR ?? defaultStaticDir,
    maxBundleBytes: Math.round((Number.isFinite(maxMb) && maxMb > 0 ? maxMb : 50) * 1024 * 1024),
    publicUrl: env.PUBLIC_URL ?? null,
  };
}
