import { INLINE_LINK_KEY } from "./inlineLinkLimits";

/** What a page address asks for: the studio, or a shared model (inline in the fragment, or hosted). */
export type ShareRoute =
  { kind: "studio" } | { kind: "inline"; payload: string } | { kind: "hosted"; id: string };

/** Hosted share ids as the server makes them: URL-safe, 1–128 characters. */
const HOSTED_ID = /^[A-Za-z0-9_-]{1,128}$/;

/**
 * Reads `location.pathname` and `location.hash`: `/s/<id>` is a hosted share, a fragment
 * `#m=<payload>` an inline one; anything else (including the run bar's `#data` anchors) the studio.
 */
export function parseShareRoute(pathname: string, hash: string): ShareRoute {
  const hosted = /^\/s\/([^/]+)\/?$/.exec(pathname);
  if (hosted) {
    let id: string;
    try {
      id = decodeURIComponent(hosted[1]!);
    } catch {
      id = "";
    }
    // An id the server could never have made is still a hosted route: the view says "not found".
    return { kind: "hosted", id: HOSTED_ID.test(id) ? id : "" };
  }
  const prefix = `#${INLINE_LINK_KEY}=`;
  if (hash.startsWith(prefix)) return { kind: "inline", payload: hash.slice(prefix.length) };
  return { kind: "studio" };
}
