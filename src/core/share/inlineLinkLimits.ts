import type { TrainedModel } from "../project/trainedModel";

/*
 * The inline link's key and limits, apart from its codec so the page can use them without loading
 * the codec (fflate and the model schema run in the predict worker).
 */

/** The fragment key: `#m=<payload>`. */
export const INLINE_LINK_KEY = "m";

/** Links longer than this (in characters, the whole URL) are not offered: browsers and chat apps choke. */
export const MAX_INLINE_LINK_CHARS = 1_000_000;

/** Links longer than this (characters) work in a browser but not in chat apps or e-mail. */
export const LONG_INLINE_LINK_CHARS = 100_000;

/** The whole link: `<studioUrl>#m=<payload>` (any fragment of studioUrl is dropped). */
export function inlineLinkUrl(studioUrl: string, payload: string): string {
  return `${studioUrl.replace(/#.*$/, "")}#${INLINE_LINK_KEY}=${payload}`;
}

/**
 * False when the model's weights alone are too many bytes for an inline link (float32 values
 * barely compress, and base64 adds a third), so the studio can say so without compressing.
 */
export function inlineLinkMayFit(model: TrainedModel): boolean {
  const valueBytes = model.weights.reduce((n, w) => n + w.values.length * 4, 0);
  return valueBytes * 0.5 * (4 / 3) < MAX_INLINE_LINK_CHARS;
}
