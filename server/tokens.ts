/**
 * Owner tokens: 256 random bits, shown to the owner once, stored only as SHA-256 hashes and
 * compared in constant time. Share ids are random too (128 bits), so links cannot be guessed.
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const newToken = (): string => randomBytes(32).toString("base64url");

export const newShareId = (): string => randomBytes(16).toString("base64url");

export const hashToken = (token: string): string =>
  createHash("sha256").update(token, "utf8").digest("hex");

/** Whether `token` hashes to `storedHash`, without leaking where they differ. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const given = Buffer.from(hashToken(token), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
