/**
 * The share API: upload a bundle (a new share, version 1), read its metadata and bundles, publish
 * a new version and delete it with the owner token. Every upload is checked in a worker by core's
 * readBundle, exactly as the studio's import checks a bundle (under tighter size caps), and its ONNX
 * must be what the server itself writes from the checked model; only that ONNX is ever run.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bundleDownloadName } from "../../src/core/export/bundleLayout";
import { errorSchema, HttpError, SHARE_ID_PATTERN, type ServerContext } from "../context";
import { checkQuota, concurrencyGate, quotaFirst, uploaderOf } from "../limits";
import { linkOrigin } from "../security";
import { liveShare, requireOwner, shareVersion } from "../shareAccess";
import type { ShareRecord, ShareVersion } from "../storage/types";
import { hashToken, newShareId, newToken } from "../tokens";
import type { PreparedModel } from "../work/tasks";

const idParams = {
  type: "object",
  properties: { id: { type: "string", pattern: SHARE_ID_PATTERN } },
  required: ["id"],
} as const;

const versionParams = {
  type: "object",
  properties: {
    id: { type: "string", pattern: SHARE_ID_PATTERN },
    n: { type: "string", pattern: "^[1-9][0-9]{0,8}$" },
  },
  required: ["id", "n"],
} as const;

const authHeaders = {
  type: "object",
  properties: { authorization: { type: "string" } },
} as const;

const published = {
  type: "object",
  properties: {
    id: { type: "string" },
    version: { type: "integer" },
    url: { type: "string" },
    ownerToken: { type: "string" },
  },
  required: ["id", "version", "url"],
} as const;

const metadata = {
  type: "object",
  properties: {
    id: { type: "string" },
    version: { type: "integer" },
    name: { type: "string" },
    task: { type: "string" },
    createdAt: { type: "string" },
    updatedAt: { type: "string" },
    url: { type: "string" },
    versions: {
      type: "array",
      items: {
        type: "object",
        properties: {
          version: { type: "integer" },
          name: { type: "string" },
          createdAt: { type: "string" },
          bytes: { type: "integer" },
        },
      },
    },
  },
} as const;

const errors = {
  415: errorSchema,
  409: errorSchema,
  429: errorSchema,
  503: errorSchema,
  504: errorSchema,
  507: errorSchema,
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  410: errorSchema,
  413: errorSchema,
};

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Refuses other bodies before reading them (Fastify would parse text and JSON otherwise). */
async function zipBodyOnly(request: FastifyRequest, _reply: FastifyReply, payload: unknown) {
  const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (type !== "application/zip" && type !== "application/octet-stream") {
    throw new HttpError(
      415,
      `Send the bundle (.zip) with Content-Type application/zip, not ${type || "no content-type"}.`,
    );
  }
  return payload;
}

/** The uploaded bytes, or a 400 saying how to send them. */
function uploadedBytes(body: unknown): Uint8Array {
  if (!(body instanceof Uint8Array) || body.length === 0) {
    throw new HttpError(
      400,
      "Send the bundle (.zip) as the request body with Content-Type application/zip.",
    );
  }
  return body;
}

/**
 * Checks an upload (quota, then the bundle in a worker) and stores it: the bundle file first, then
 * its metadata row, so a crash never leaves a row without its file; a failure removes the file.
 */
async function storeUpload(
  ctx: ServerContext,
  request: FastifyRequest,
  id: string,
  version: number,
  saveRow: (entry: ShareVersion) => Promise<void>,
): Promise<PreparedModel> {
  const bytes = uploadedBytes(request.body);
  await checkQuota(ctx, request, bytes.length);
  const prepared = await ctx.pool.prepare(`${id}@${version}`, bytes);
  const entry: ShareVersion = {
    version,
    name: prepared.name,
    task: prepared.task,
    servedEntry: prepared.servedEntry,
    bytes: bytes.length,
    createdAt: new Date().toISOString(),
    uploader: uploaderOf(request),
  };
  try {
    await ctx.blobs.put(id, version, bytes);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    request.log.error(error);
    if (code === "ENOSPC" || code === "EDQUOT") {
      throw new HttpError(
        507,
        "The server has no room left to store this bundle; nothing was stored.",
      );
    }
    throw new HttpError(
      500,
      `The server could not store the bundle (${code ?? "write failed"}); nothing was stored. Try again.`,
    );
  }
  try {
    await saveRow(entry);
  } catch (error) {
    await ctx.blobs.delete(id, version).catch(() => undefined);
    throw error;
  }
  ctx.models.remember(prepared);
  return prepared;
}

function linkOf(ctx: ServerContext, request: FastifyRequest, id: string): string {
  return `${linkOrigin(ctx.config, request)}/s/${id}`;
}

function describeShare(ctx: ServerContext, request: FastifyRequest, share: ShareRecord) {
  const latest = shareVersion(share);
  return {
    id: share.id,
    version: latest.version,
    name: latest.name,
    task: latest.task,
    createdAt: share.createdAt,
    updatedAt: share.updatedAt,
    url: linkOf(ctx, request, share.id),
    versions: share.versions.map(({ version, name, createdAt, bytes }) => ({
      version,
      name,
      createdAt,
      bytes,
    })),
  };
}

/**
 * What a cache may do with a share's answers. The metadata and the latest bundle change with every
 * published version under the same URL: never stored, so nobody is shown an older version than the
 * server has. A numbered version's bytes never change, but the share can be taken down: each use
 * asks the server again.
 */
const CHANGES_WITH_EACH_VERSION = "no-store";
const FIXED_UNTIL_DELETED = "no-cache";

async function sendBundle(
  ctx: ServerContext,
  reply: FastifyReply,
  id: string,
  entry: ShareVersion,
  cacheControl: string,
) {
  const bytes = await ctx.blobs.get(id, entry.version);
  if (!bytes) throw new HttpError(410, "This version's bundle is no longer stored.");
  return reply
    .header("content-type", "application/zip")
    .header("content-disposition", `attachment; filename="${bundleDownloadName(entry)}"`)
    .header("cache-control", cacheControl)
    .header("x-share-version", String(entry.version))
    .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
}

/** Serialises changes to one share, so two updates cannot claim the same version number. */
function perShareLock() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(id: string, work: () => Promise<T>): Promise<T> => {
    const run = (tails.get(id) ?? Promise.resolve()).then(work, work);
    const tail = run.catch(() => undefined);
    tails.set(id, tail);
    void tail.then(() => tails.get(id) === tail && tails.delete(id));
    return run;
  };
}

export function shareRoutes(app: FastifyInstance, ctx: ServerContext): void {
  const { limits } = ctx.config;
  const bodyLimit = limits.maxBundleBytes;
  const locked = perShareLock();
  const uploadSlot = concurrencyGate(
    limits.maxConcurrentUploads,
    "receiving as many uploads as it takes at once",
  );
  const changes = { rateLimit: { max: limits.uploadsPerMinute, timeWindow: 60_000 } };

  app.post(
    "/api/shares",
    {
      bodyLimit,
      config: changes,
      // After the rate limit (an onRequest hook), before the body is read.
      preParsing: [zipBodyOnly, uploadSlot, quotaFirst(ctx)],
      schema: { response: { 201: published, ...errors } },
    },
    async (request, reply) => {
      const id = newShareId();
      const ownerToken = newToken();
      await storeUpload(ctx, request, id, 1, (first) =>
        ctx.meta.createShare(id, hashToken(ownerToken), first),
      );
      return reply.code(201).send({ id, version: 1, url: linkOf(ctx, request, id), ownerToken });
    },
  );

  app.get(
    "/api/shares/:id",
    { schema: { params: idParams, response: { 200: metadata, ...errors } } },
    async (request: IdRequest, reply) => {
      reply.header("cache-control", CHANGES_WITH_EACH_VERSION);
      return describeShare(ctx, request, await liveShare(ctx, request.params.id));
    },
  );

  app.get(
    "/api/shares/:id/bundle",
    { schema: { params: idParams, response: errors } },
    async (request: IdRequest, reply) => {
      const share = await liveShare(ctx, request.params.id);
      return sendBundle(ctx, reply, share.id, shareVersion(share), CHANGES_WITH_EACH_VERSION);
    },
  );

  app.get(
    "/api/shares/:id/versions/:n/bundle",
    { schema: { params: versionParams, response: errors } },
    async (request: FastifyRequest<{ Params: { id: string; n: string } }>, reply) => {
      const share = await liveShare(ctx, request.params.id);
      const entry = shareVersion(share, Number(request.params.n));
      return sendBundle(ctx, reply, share.id, entry, FIXED_UNTIL_DELETED);
    },
  );

  // Checked before the body is read too, so nobody can make the server buffer an upload for a
  // share they do not own; checked again under the lock, where the change happens.
  const ownerFirst = async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    const { id } = request.params as { id: string };
    await liveShare(ctx, id);
    await requireOwner(ctx, id, request);
    return payload;
  };

  app.put<{ Params: { id: string } }>(
    "/api/shares/:id",
    {
      bodyLimit,
      config: changes,
      preParsing: [ownerFirst, zipBodyOnly, uploadSlot, quotaFirst(ctx)],
      schema: { params: idParams, headers: authHeaders, response: { 200: published, ...errors } },
    },
    async (request: IdRequest) =>
      locked(request.params.id, async () => {
        const { id } = request.params;
        const share = await liveShare(ctx, id);
        await requireOwner(ctx, id, request);
        const version = shareVersion(share).version + 1;
        await storeUpload(ctx, request, id, version, (entry) => ctx.meta.addVersion(id, entry));
        ctx.models.drop(id, version);
        return { id, version, url: linkOf(ctx, request, id) };
      }),
  );

  app.delete(
    "/api/shares/:id",
    { config: changes, schema: { params: idParams, headers: authHeaders, response: errors } },
    async (request: IdRequest, reply) =>
      locked(request.params.id, async () => {
        const { id } = request.params;
        await liveShare(ctx, id);
        await requireOwner(ctx, id, request);
        await ctx.meta.markDeleted(id, new Date().toISOString());
        ctx.models.drop(id);
        await ctx.blobs.deleteAll(id);
        return reply.code(204).send();
      }),
  );
}
