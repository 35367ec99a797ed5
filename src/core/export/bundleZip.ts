/**
 * Reading a bundle's zip defensively. Entry names are never used as paths: they are only compared
 * with the exact names the studio expects. Sizes declared in the zip's central directory are checked
 * before anything is inflated, and inflating writes into a buffer of the declared size, so a zip
 * that lies about its sizes cannot take more memory than the cap.
 */
import { unzipSync } from "fflate";

/** The most a bundle may weigh, compressed, and all its entries together, uncompressed. */
export const BUNDLE_MAX_BYTES = 200 * 1024 * 1024;
/** More entries than this is not a bundle the studio wrote. */
export const BUNDLE_MAX_ENTRIES = 1_000;

/** A bundle that cannot be read; the message says what is wrong and what to do. */
export class BundleError extends Error {
  override name = "BundleError";
}

export interface ZipEntryInfo {
  name: string;
  compressedSize: number;
  /** Uncompressed size as declared by the zip. */
  size: number;
}

const MB = 1024 * 1024;
const megabytes = (bytes: number) => `${(bytes / MB).toFixed(bytes % MB === 0 ? 0 : 1)} MB`;

/** Why an entry name is unsafe, or null. Such a name means the zip was not written by the studio. */
export function unsafeEntryName(name: string): string | null {
  if (name.includes("\\")) return "contains a backslash";
  if (name.startsWith("/") || /^[a-zA-Z]:/.test(name)) return "is an absolute path";
  if (name.split("/").some((part) => part === "..")) return "climbs out of its folder (..)";
  if ([...name].some((char) => char.charCodeAt(0) < 0x20)) return "contains control characters";
  return null;
}

function damaged(error: unknown): BundleError {
  const detail = error instanceof Error ? ` (${error.message})` : "";
  return new BundleError(
    `The file is not a zip or is damaged or cut short${detail}. Download the bundle again and load the .zip as it is.`,
  );
}

/** Lists the entries from the central directory without inflating any. */
export function listZipEntries(bytes: Uint8Array): ZipEntryInfo[] {
  if (bytes.length > BUNDLE_MAX_BYTES) {
    throw new BundleError(
      `The bundle is ${megabytes(bytes.length)}; the studio reads bundles up to ${megabytes(BUNDLE_MAX_BYTES)}.`,
    );
  }
  const isZip = bytes.length >= 22 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3;
  if (!isZip) throw damaged(null);
  const entries: ZipEntryInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        entries.push({ name: file.name, compressedSize: file.size, size: file.originalSize });
        return false;
      },
    });
  } catch (error) {
    throw damaged(error);
  }
  return entries;
}

/**
 * Tighter limits than the studio's own, for a reader that takes bundles from strangers (the
 * server): all entries together, and each wanted entry by name, uncompressed, as the zip declares.
 */
export interface ZipLimits {
  maxTotalBytes?: number;
  /** The most `name` may unpack to; undefined: only the total applies. */
  maxEntryBytes?: (name: string) => number | undefined;
}

/**
 * The contents of the `wanted` entries (by exact name), after checking every entry's name and the
 * declared sizes (against `limits` too). Entries not wanted are never inflated. Throws BundleError.
 */
export function readZipEntries(
  bytes: Uint8Array,
  wanted: string[],
  limits: ZipLimits = {},
): Map<string, Uint8Array> {
  const entries = listZipEntries(bytes);
  if (entries.length > BUNDLE_MAX_ENTRIES) {
    throw new BundleError(`The zip holds ${entries.length} files; a bundle holds a few dozen.`);
  }
  let total = 0;
  const seen = new Set<string>();
  for (const entry of entries) {
    if (seen.has(entry.name)) {
      throw new BundleError(
        `The zip holds two entries named “${entry.name.slice(0, 200)}”; the studio does not guess which one is meant. Export the bundle again.`,
      );
    }
    seen.add(entry.name);
    const problem = unsafeEntryName(entry.name);
    if (problem) {
      throw new BundleError(
        `The zip holds an entry named “${entry.name.slice(0, 200)}” that ${problem}; the studio does not read such zips. Export the bundle again from the studio.`,
      );
    }
    total += entry.size;
  }
  const maxTotal = Math.min(BUNDLE_MAX_BYTES, limits.maxTotalBytes ?? BUNDLE_MAX_BYTES);
  if (total > maxTotal) {
    throw new BundleError(
      `The bundle unpacks to ${megabytes(total)}; bundles up to ${megabytes(maxTotal)} unpacked are read here.`,
    );
  }
  const wantedSet = new Set(wanted);
  const declared = new Map(entries.map((e) => [e.name, e.size]));
  for (const name of wanted) {
    const size = declared.get(name);
    const cap = limits.maxEntryBytes?.(name);
    if (size !== undefined && cap !== undefined && size > cap) {
      throw new BundleError(
        `${name} unpacks to ${megabytes(size)}; at most ${megabytes(cap)} is read for it. A bundle the studio exported holds far less.`,
      );
    }
  }
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (file) => wantedSet.has(file.name) });
  } catch (error) {
    throw damaged(error);
  }
  const result = new Map<string, Uint8Array>();
  for (const name of wanted) {
    const data = files[name];
    if (!data) continue;
    if (data.length !== declared.get(name)) throw damaged(new Error(`${name} has the wrong size`));
    result.set(name, data);
  }
  return result;
}
