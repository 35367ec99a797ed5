import { ShareApi } from "../core/share/hostedApi";

let api = new ShareApi({ baseUrl: "" });

/** The share API the store calls: the page's own server, or a test server's. */
export function shareApi(): ShareApi {
  return api;
}

export function setShareApi(next: ShareApi): void {
  api = next;
}

/** A server-relative link made absolute against the page, so it can be sent as it is. */
export function absoluteUrl(url: string): string {
  const origin = globalThis.location?.origin;
  try {
    return origin ? new URL(url, origin).href : url;
  } catch {
    return url;
  }
}
