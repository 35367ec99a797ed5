/**
 * The SHA-256 of some bytes as 64 lowercase hex digits: a dataset's name in storage, so one file
 * used by two projects is stored once. Web Crypto, present in pages, workers and Node 20.
 */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}
