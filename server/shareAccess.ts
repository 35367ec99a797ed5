/**
 * Looking up a share for a request: 404 for an unknown id, 410 once deleted, and the owner check
 * (401 without a bearer token, 403 with a wrong one).
 */
import type { FastifyRequest } from "fastify";
import { DELETED_MESSAGE, HttpError, type ServerContext } from "./context";
import type { ShareRecord, ShareVersion } from "./storage/types";
import { tokenMatches } from "./tokens";

/** The live share `id` or an HttpError (404 unknown, 410 deleted). */
export async function liveShare(ctx: ServerContext, id: string): Promise<ShareRecord> {
  const share = await ctx.meta.getShare(id);
  if (!share) throw new HttpError(404, `There is no shared model “${id}”. Check the link.`);
  if (share.deletedAt) throw new HttpError(410, DELETED_MESSAGE);
  return share;
}

/** The share's version `n` (latest when undefined), or a 404 naming the versions there are. */
export function shareVersion(share: ShareRecord, n?: number): ShareVersion {
  const found =
    n === undefined ? share.versions.at(-1) : share.versions.find((v) => v.version === n);
  if (!found) {
    throw new HttpError(
      404,
      `The shared model has no version ${n}; it has versions 1 to ${share.versions.length}.`,
    );
  }
  return found;
}

/** Refuses unless the request carries the share's owner token (`Authorization: Bearer …`). */
export async function requireOwner(
  ctx: ServerContext,
  id: string,
  request: FastifyRequest,
): Promise<void> {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match?.[1]) {
    throw new HttpError(
      401,
      "Changing a shared model needs its owner token: send “Authorization: Bearer <ownerToken>”.",
    );
  }
  const stored = await ctx.meta.tokenHash(id);
  if (!stored || !tokenMatches(match[1], stored)) {
    throw new HttpError(403, "The owner token does not match this shared model.");
  }
}
