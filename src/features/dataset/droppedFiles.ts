import type { DroppedFile } from "../../services/imageService";

/**
 * The files of a drop or a file input, each with its path inside what was dropped, so folders keep
 * their class names: a folder input gives `webkitRelativePath`, a dropped folder is walked through
 * its directory entries.
 */

export function filesFromInput(list: FileList | null): DroppedFile[] {
  return Array.from(list ?? [], (file) => ({
    path: file.webkitRelativePath || file.name,
    file,
  }));
}

function readEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry: FileSystemEntry, into: DroppedFile[]): Promise<void> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) =>
      (entry as FileSystemFileEntry).file(resolve, reject),
    );
    into.push({ path: entry.fullPath.replace(/^\//, ""), file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries answers in chunks (about 100 at a time) until it answers with none.
  for (;;) {
    const entries = await readEntries(reader);
    if (entries.length === 0) break;
    for (const child of entries) await walk(child, into);
  }
}

/** Every file of a drop, walking dropped folders. */
export async function filesFromDrop(transfer: DataTransfer): Promise<DroppedFile[]> {
  const entries = Array.from(transfer.items, (item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.every((entry) => entry === null)) return filesFromInput(transfer.files);
  const files: DroppedFile[] = [];
  for (const entry of entries) if (entry) await walk(entry, files);
  return files;
}

/** A name for what was dropped: the zip's or folder's name, or "N files". */
export function dropName(files: DroppedFile[]): string {
  if (files.length === 1) return files[0]?.path ?? "1 file";
  const roots = new Set(files.map((f) => f.path.split("/")[0]));
  return roots.size === 1 && files[0]?.path.includes("/")
    ? ([...roots][0] ?? "")
    : `${files.length} files`;
}
