/**
 * Limits a stranger meets before the server does any work for them: how many uploads are received
 * at once, how many requests of one model run at once, and how much storage one address and
 * everyone together may fill. Each refusal says which limit and when to try again.
 */
import { createHash } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { HttpError, type ServerContext } from "./context";

const busy = (what: string) =>
  new HttpError(503, `The server is ${what}; try again in a moment.`, { "retry-after": "1" });

/**
 * At most `max` at once; a request over it is refused at once (before its body is read) rather
 * than queued. The slot is released when the response is finished or the connection closes. A
 * preParsing hook: it runs after the rate limit, before the body is read.
 */
export function concurrencyGate(max: number, what: string) {
  let inFlight = 0;
  return async (_request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (inFlight >= max) throw busy(what);
    inFlight++;
    let released = false;
    reply.raw.once("close", () => {
      if (!released) inFlight--;
      released = true;
    });
    return payload;
  };
}

/** Per-key counters: at most `max` in flight for one key (one hosted model). */
export function perKeyLimit(max: number) {
  const counts = new Map<string, number>();
  return async <T>(key: string, work: () => Promise<T>): Promise<T> => {
    const now = counts.get(key) ?? 0;
    if (now >= max)
      throw busy(`answering as many requests for this model as it takes at once (${max})`);
    counts.set(key, now + 1);
    try {
      return await work();
    } finally {
      const left = (counts.get(key) ?? 1) - 1;
      if (left <= 0) counts.delete(key);
      else counts.set(key, left);
    }
  };
}

/** Who uploaded a version, kept as a hash of the client address (never the address itself). */
export const uploaderOf = (request: FastifyRequest) =>
  createHash("sha256").update(`model-studio uploader ${request.ip}`).digest("hex").slice(0, 32);

/** A size as a person reads it: 512 KB, 2 MB, 1.5 GB. */
export function sizeText(bytes: number): string {
  const [unit, scale] =
    bytes >= 1024 ** 3 ? ["GB", 1024 ** 3] : bytes >= 1024 ** 2 ? ["MB", 1024 ** 2] : ["KB", 1024];
  return `${+(bytes / scale).toFixed(1)} ${unit}`;
}

/**
 * Refuses an upload of `bytes` that would take the server past its storage quota (507) or the
 * uploader's address past its own (429).
 */
export async function checkQuota(ctx: ServerContext, request: FastifyRequest, bytes: number) {
  const { maxDataBytes, maxDataPerClientBytes } = ctx.config.limits;
  const usage = await ctx.meta.usage(uploaderOf(request));
  if (usage.total + bytes > maxDataBytes) {
    throw new HttpError(
      507,
      `The server's storage for shared models is full (${sizeText(maxDataBytes)}); nothing was stored. Try again later or ask whoever runs this server.`,
    );
  }
  if (usage.byUploader + bytes > maxDataPerClientBytes) {
    throw new HttpError(
      429,
      `Shared models uploaded from your address already take ${sizeText(usage.byUploader)} of the ${sizeText(maxDataPerClientBytes)} each address may use; delete links you no longer need, then try again.`,
    );
  }
}

/**
 * The declared Content-Length checked against the quota before a byte of the body is read (a
 * preParsing hook, after the rate limit).
 */
export function quotaFirst(ctx: ServerContext) {
  return async (request: FastifyRequest, _reply: FastifyReply, payload: unknown) => {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (Number.isFinite(declared) && declared > 0) await checkQuota(ctx, request, declared);
    return payload;
  };
}
