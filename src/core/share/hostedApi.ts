/**
 * The studio's side of the share API (`/api/shares`), written against `fetch` so it runs in the
 * page and in Node tests against the real server. Every answer is checked with zod: the server is
 * outside the page too.
 */
import { z } from "zod";
import { messageOf } from "../errors";

const shareId = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/);
const version = z.number().int().min(1);

export const createdShareSchema = z.object({
  id: shareId,
  version,
  url: z.string().max(2_000),
  ownerToken: z.string().min(16).max(500),
});
export const updatedShareSchema = z.object({ id: shareId, version, url: z.string().max(2_000) });
export const shareMetadataSchema = z.looseObject({
  id: shareId,
  version,
  name: z.string().max(1_000),
  task: z.string().max(100).optional(),
  createdAt: z.string().max(100),
  updatedAt: z.string().max(100).optional(),
});

export type CreatedShare = z.infer<typeof createdShareSchema>;
export type UpdatedShare = z.infer<typeof updatedShareSchema>;
export type ShareMetadata = z.infer<typeof shareMetadataSchema>;

/** Why a request failed: `deleted` (410), `not-found` (404), `forbidden` (401/403), `network`, … */
export type ShareProblemKind =
  "deleted" | "not-found" | "forbidden" | "too-large" | "rejected" | "network" | "server";

export class ShareApiError extends Error {
  override name = "ShareApiError";
  constructor(
    readonly kind: ShareProblemKind,
    message: string,
  ) {
    super(message);
  }
}

function kindOf(status: number): ShareProblemKind {
  if (status === 410) return "deleted";
  if (status === 404) return "not-found";
  if (status === 401 || status === 403) return "forbidden";
  if (status === 413) return "too-large";
  if (status >= 400 && status < 500) return "rejected";
  return "server";
}

const errorBodySchema = z.object({ error: z.string() });

/** What "not found" means depends on the call: no share with that id, or no share server at all. */
type NotFoundMeaning = "share" | "server";

async function failure(response: Response, notFound: NotFoundMeaning): Promise<ShareApiError> {
  let detail = "";
  try {
    const parsed = errorBodySchema.safeParse(await response.json());
    if (parsed.success) detail = parsed.data.error.slice(0, 500);
  } catch {
    // Not JSON (a proxy's error page): the status says enough.
  }
  const kind = kindOf(response.status);
  const lead: Record<ShareProblemKind, string> = {
    deleted: "This shared model was deleted by its owner.",
    "not-found":
      notFound === "server"
        ? "This studio is served without its share server, so hosted links are not available here. Make an inline link instead, or run the studio with `npm start`."
        : "There is no shared model at this link. Check that it was copied whole.",
    forbidden:
      "This browser does not hold the owner key of this shared model, so it cannot change it.",
    "too-large": "The model is too large for the server.",
    rejected: "The server refused the request.",
    network: "The server could not be reached.",
    server: `The server failed (HTTP ${response.status}). Try again in a moment.`,
  };
  // The server's own words add to the lead unless they only repeat it.
  const repeats = !detail || detail === lead[kind];
  return new ShareApiError(kind, repeats ? lead[kind] : `${lead[kind]} (${detail})`);
}

export interface ShareApiOptions {
  /** Where the studio's server answers, e.g. `https://studio.example` or `` for the page's own. */
  baseUrl: string;
  fetch?: typeof fetch;
}

/** The share API's calls. Each throws ShareApiError whose `kind` the views branch on. */
export class ShareApi {
  private readonly base: string;
  private readonly fetchFn: typeof fetch;

  constructor(options: ShareApiOptions) {
    this.base = options.baseUrl.replace(/\/+$/, "");
    this.fetchFn = options.fetch ?? ((...args) => fetch(...args));
  }

  private async call(
    path: string,
    init?: RequestInit,
    notFound: NotFoundMeaning = "share",
  ): Promise<Response> {
    let response: Response;
    try {
      response = await this.fetchFn(`${this.base}${path}`, init);
    } catch (error) {
      throw new ShareApiError(
        "network",
        `The server could not be reached (${messageOf(error)}). Check the connection and try again.`,
      );
    }
    if (!response.ok) throw await failure(response, notFound);
    return response;
  }

  private async json<T>(response: Response, schema: z.ZodType<T>): Promise<T> {
    const parsed = schema.safeParse(await response.json().catch(() => null));
    if (!parsed.success) {
      throw new ShareApiError("server", "The server's answer was not what the studio expects.");
    }
    return parsed.data;
  }

  private static path(id: string) {
    return `/api/shares/${encodeURIComponent(id)}`;
  }

  /** Uploads a bundle (.zip bytes); the answer's ownerToken is shown once, keep it. */
  async create(bundle: Uint8Array): Promise<CreatedShare> {
    const response = await this.call(
      "/api/shares",
      { method: "POST", headers: { "content-type": "application/zip" }, body: bundle as BodyInit },
      "server",
    );
    return this.json(response, createdShareSchema);
  }

  /** Publishes `bundle` as the share's next version. */
  async update(id: string, ownerToken: string, bundle: Uint8Array): Promise<UpdatedShare> {
    const response = await this.call(ShareApi.path(id), {
      method: "PUT",
      headers: { "content-type": "application/zip", authorization: `Bearer ${ownerToken}` },
      body: bundle as BodyInit,
    });
    return this.json(response, updatedShareSchema);
  }

  /** Takes the share down: afterwards its link, bundle and inference answer 410. */
  async remove(id: string, ownerToken: string): Promise<void> {
    await this.call(ShareApi.path(id), {
      method: "DELETE",
      headers: { authorization: `Bearer ${ownerToken}` },
    });
  }

  /** The share's metadata as the server has it now (never a cached answer: versions change). */
  async metadata(id: string): Promise<ShareMetadata> {
    return this.json(
      await this.call(ShareApi.path(id), { cache: "no-store" }),
      shareMetadataSchema,
    );
  }

  /**
   * A bundle's .zip bytes: version `version` (the one the metadata just named, so the label and the
   * model shown agree even when the owner publishes in between), else the latest. Never a cached
   * answer; a reply for another version than the one asked for is refused.
   */
  async bundle(id: string, version?: number): Promise<Uint8Array> {
    const path =
      version === undefined
        ? `${ShareApi.path(id)}/bundle`
        : `${ShareApi.path(id)}/versions/${version}/bundle`;
    const response = await this.call(path, { cache: "no-store" });
    const served = response.headers.get("x-share-version");
    if (version !== undefined && served !== null && served !== String(version)) {
      throw new ShareApiError(
        "server",
        `The server sent version ${served} of the shared model instead of version ${version}.`,
      );
    }
    return new Uint8Array(await response.arrayBuffer());
  }
}
