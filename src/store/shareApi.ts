/** A server-relative link made absolute against the page, so it can be sent as it is. */
export function absoluteUrl(url: string): string {
  const origin = globalThis.location?.origin;
  try {
    return origin ? new URL(url, origin).href : url;
  } catch {
    return url;
  }
}
