import { unzipSync, type UnzipFileInfo } from "fflate";
import { classifyPath } from "./labels";
import { messageOf } from "../../errors";

/**
 * Reading a zip of class folders with limits checked before anything is inflated: the entry count
 * and the total declared (inflated) size of the images. Entry names are only ever labels.
 */

export interface ZipLimits {
  /** Most entries (files and folders) a zip may list. */
  maxEntries: number;
  /** Most bytes the images may inflate to, by their declared sizes. */
  maxInflatedBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxInflatedBytes: 1024 * 1024 * 1024,
};

/** The zip is refused as a whole; the message says why and what to do. */
export class ZipRefusedError extends Error {
  override readonly name = "ZipRefusedError";
}

export interface ZipImages {
  /** Image entries in the zip's order: name (a label source, never a path) and raw bytes. */
  files: Array<{ name: string; bytes: Uint8Array }>;
  /** Names of entries that are not images in a class folder (system files excluded). */
  skipped: string[];
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * The image entries of a zip. Lists the central directory first (inflating nothing), refuses the
 * zip when it lists more than `maxEntries` entries or its images declare more than
 * `maxInflatedBytes`, then inflates only the image entries. fflate inflates each entry into a
 * buffer of its declared size, so a lying header cannot grow past the limit either.
 */
export function readZipImages(
  bytes: Uint8Array,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): ZipImages {
  const listed: UnzipFileInfo[] = [];
  try {
    unzipSync(bytes, {
      filter: (file) => {
        listed.push(file);
        return false;
      },
    });
  } catch (error) {
    throw new ZipRefusedError(
      `This zip could not be read (${messageOf(error)}). Zip the class folders again and drop the new file.`,
    );
  }
  if (listed.length > limits.maxEntries) {
    throw new ZipRefusedError(
      `This zip lists ${listed.length} entries; the studio reads at most ${limits.maxEntries}. Use fewer images per class.`,
    );
  }
  const wanted = new Set<string>();
  const skipped: string[] = [];
  let declared = 0;
  for (const file of listed) {
    if (file.name.endsWith("/")) continue;
    const verdict = classifyPath(file.name);
    if (verdict.kind !== "image") {
      if (verdict.reason !== "system") skipped.push(file.name);
      continue;
    }
    wanted.add(file.name);
    declared += file.originalSize;
  }
  if (declared > limits.maxInflatedBytes) {
    throw new ZipRefusedError(
      `This zip's images would inflate to ${megabytes(declared)}, past the limit of ${megabytes(limits.maxInflatedBytes)}. Use fewer or smaller images.`,
    );
  }
  let inflated: Record<string, Uint8Array>;
  try {
    inflated = unzipSync(bytes, { filter: (file) => wanted.has(file.name) });
  } catch (error) {
    throw new ZipRefusedError(
      `This zip could not be inflated (${messageOf(error)}). Zip the class folders again and drop the new file.`,
    );
  }
  const files = Object.entries(inflated).map(([name, data]) => ({ name, bytes: data }));
  return { files, skipped };
}
