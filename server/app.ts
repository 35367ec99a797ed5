/**
 * The studio's server: the built studio (cross-origin isolated, under a Content-Security-Policy,
 * with the shared-view route), the share API and v2 inference, on Fastify with a schema, a size
 * cap, a deadline and a rate limit on every route. Bundles are checked and models run in a pool
 * of worker threads; the main thread only routes. Storage is SQLite plus bundle files under
 * `dataDir` unless a deployment passes its own stores.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import { BundleError } from "../src/core/export/bundleZip";
import type { ServerConfig } from "./config";
import { HttpError, type ServerContext } from "./context";
import { ModelRegistry } from "./inference/models";
import { sizeText } from "./limits";
import { shareRoutes } from "./routes/shares";
import { v2Routes } from "./routes/v2";
import { RESPONSE_HEADERS } from "./security";
import { FileBlobStore } from "./storage/fileBlobs";
import { SqliteMetadataStore } from "./storage/sqliteMetadata";
import type { BlobStore, MetadataStore } from "./storage/types";
import { InlineInference } from "./inference/inline";
import { WorkPool } from "./work/pool";

export type { ServerConfig } from "./config";
export { configFromEnv } from "./config";

const bodyDeadlines = new WeakMap<FastifyRequest, NodeJS.Timeout>();

/** Bodies of routes that take none worth the name (metadata, deletes). */
const SMALL_BODY_LIMIT = 64 * 1024;

function errorAnswer(
  error: FastifyError,
  request: FastifyRequest,
): { status: number; message: string; headers: Record<string, string> } {
  if (error instanceof HttpError) {
    return { status: error.statusCode, message: error.message, headers: error.headers };
  }
  const plain = (status: number, message: string) => ({ status, message, headers: {} });
  if (error instanceof BundleError) return plain(400, error.message);
  if (error.validation) return plain(400, `Bad request: ${error.message}.`);
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    const limit = request.routeOptions.bodyLimit ?? SMALL_BODY_LIMIT;
    return plain(
      413,
      `The request body is larger than ${sizeText(limit)}, the most ${request.method} ${request.routeOptions.url ?? request.url} takes.`,
    );
  }
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return plain(
      415,
      `This route does not take ${request.headers["content-type"] ?? "that content type"}.`,
    );
  }
  const status = error.statusCode ?? 500;
  return plain(status, status >= 500 ? "The server failed; try again." : error.message);
}

export interface ServerStores {
  meta?: MetadataStore;
  blobs?: BlobStore;
}

/** Builds the server (not yet listening). Closing it closes the pool and the stores. */
export async function createServer(
  config: ServerConfig,
  stores: ServerStores = {},
): Promise<FastifyInstance> {
  const { limits } = config;
  mkdirSync(config.dataDir, { recursive: true });
  const blobs = stores.blobs ?? new FileBlobStore(join(config.dataDir, "bundles"));
  if (blobs instanceof FileBlobStore) await blobs.sweepPartials();
  const pool = new WorkPool(config);
  const ctx: ServerContext = {
    config,
    meta: stores.meta ?? new SqliteMetadataStore(join(config.dataDir, "shares.sqlite")),
    blobs,
    pool,
    models: new ModelRegistry(pool, limits.modelCacheBytes),
    inline: new InlineInference(limits),
  };
  const app = Fastify({
    logger: process.env.LOG_LEVEL ? { level: process.env.LOG_LEVEL } : false,
    // Types are checked, not coerced: "2" is not a shape dimension.
    ajv: { customOptions: { coerceTypes: false, allErrors: false } },
    bodyLimit: SMALL_BODY_LIMIT,
    trustProxy: config.trustProxy,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: 5_000,
    routerOptions: { maxParamLength: 200 },
  });
  app.server.maxConnections = limits.maxConnections;

  await app.register(fastifyRateLimit, {
    global: true,
    max: limits.requestsPerMinute,
    timeWindow: 60_000,
    errorResponseBuilder: (_request, context) =>
      new HttpError(
        429,
        `Too many requests from your address: at most ${context.max} a minute here. Try again in ${Math.ceil(context.ttl / 1000)} s.`,
        { "retry-after": String(Math.ceil(context.ttl / 1000)) },
      ),
  });

  // A body must arrive within REQUEST_TIMEOUT_MS (Node checks its own request deadline only every
  // 30 s): a connection that trickles or stalls mid-body is closed. Handlers run after the body is
  // in (preHandler), and have deadlines of their own.
  // (Callback hooks, not async ones: every request passes here, and a promise each costs.)
  app.addHook("onRequest", (request, _reply, done) => {
    const length = request.headers["content-length"];
    const hasBody = length !== undefined && length !== "0";
    if (hasBody || request.headers["transfer-encoding"] !== undefined) {
      const timer = setTimeout(() => request.raw.destroy(), limits.requestTimeoutMs);
      timer.unref();
      request.raw.once("close", () => clearTimeout(timer));
      bodyDeadlines.set(request, timer);
    }
    done();
  });
  app.addHook("preHandler", (request, _reply, done) => {
    clearTimeout(bodyDeadlines.get(request));
    done();
  });

  app.addContentTypeParser(
    ["application/zip", "application/octet-stream"],
    { parseAs: "buffer" },
    (_request, body, done) => done(null, body),
  );
  // Every answer, errors and static files included, carries the policy and isolation headers.
  app.addHook("onSend", (_request, reply, payload, done) => {
    reply.headers(RESPONSE_HEADERS);
    done(null, payload);
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { status, message, headers } = errorAnswer(error, request);
    if (status >= 500 && status !== 503 && status !== 504 && status !== 507)
      request.log.error(error);
    if (status === 401) reply.header("www-authenticate", 'Bearer realm="model-studio"');
    return reply.code(status).headers(headers).send({ error: message });
  });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, (request, reply) =>
    reply.code(404).send({ error: `Nothing at ${request.method} ${request.url.split("?")[0]}.` }),
  );
  app.addHook("onClose", async () => {
    ctx.models.clear();
    await pool.close();
    await ctx.meta.close();
  });

  shareRoutes(app, ctx);
  v2Routes(app, ctx);

  const staticDir = config.staticDir;
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    await app.register(fastifyStatic, { root: staticDir, prefix: "/", index: "index.html" });
    // The shared view is a page of the studio: /s/{id} serves index.html, the studio reads the path.
    // Never kept by a shared cache: the page is where owner keys are used.
    app.get(
      "/s/:id",
      { schema: { params: { type: "object", properties: { id: { type: "string" } } } } },
      (_request, reply) =>
        reply.header("cache-control", "no-store").sendFile("index.html", { cacheControl: false }),
    );
  }
  return app;
}
