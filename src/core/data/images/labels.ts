/**
 * Labels from paths: a picture's class is the name of the folder nearest to it. Names only ever
 * serve as labels, never as paths to write to, so a zip entry named `../../x` cannot escape anywhere.
 */

/** Extensions the browser can decode (GIF gives its first frame). */
export const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "webp", "gif", "bmp"] as const;

export type PathVerdict =
  | { kind: "image"; path: string; label: string }
  | { kind: "skipped"; path: string; reason: "system" | "not-an-image" | "no-folder" };

/** The parts of a path, with `\` read as `/` and empty, `.` and `..` parts dropped. */
export function pathParts(path: string): string[] {
  return path.split(/[\\/]+/).filter((part) => part !== "" && part !== "." && part !== "..");
}

/** True for folders and files that systems add and people never meant: `__MACOSX`, dot-files. */
function isSystemPart(part: string): boolean {
  return part === "__MACOSX" || part.startsWith(".") || part === "Thumbs.db";
}

/** The lower-case extension of a file name, or "". */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

export function isImageName(name: string): boolean {
  return (IMAGE_EXTENSIONS as readonly string[]).includes(extensionOf(name));
}

/**
 * What to do with one path: an image with its label (the nearest folder's name: `cats/1.png`,
 * `train/cats/1.png`, `data/train/cats/1.png` all give "cats"), or skipped with a reason. Loose
 * images (no folder) get `looseLabel` when given, else are skipped as "no-folder".
 */
export function classifyPath(path: string, looseLabel: string | null = null): PathVerdict {
  const parts = pathParts(path);
  const name = parts[parts.length - 1] ?? "";
  if (parts.some(isSystemPart)) return { kind: "skipped", path, reason: "system" };
  if (!isImageName(name)) return { kind: "skipped", path, reason: "not-an-image" };
  const folder = parts[parts.length - 2];
  if (folder !== undefined) return { kind: "image", path, label: folder };
  if (looseLabel !== null) return { kind: "image", path, label: looseLabel };
  return { kind: "skipped", path, reason: "no-folder" };
}

export interface LabelledPaths {
  images: Array<{ path: string; label: string }>;
  skipped: Array<{ path: string; reason: "system" | "not-an-image" | "no-folder" }>;
  /** Class names, sorted (numbers in numeric order: "2" before "10"). */
  classNames: string[];
}

const collator = new Intl.Collator("en", { numeric: true });

/** Labels every path; system files are skipped silently in the report count but listed. */
export function labelPaths(paths: string[], looseLabel: string | null = null): LabelledPaths {
  const images: LabelledPaths["images"] = [];
  const skipped: LabelledPaths["skipped"] = [];
  for (const path of paths) {
    const verdict = classifyPath(path, looseLabel);
    if (verdict.kind === "image") images.push({ path, label: verdict.label });
    else skipped.push({ path, reason: verdict.reason });
  }
  const classNames = [...new Set(images.map((image) => image.label))].sort(collator.compare);
  return { images, skipped, classNames };
}

/**
 * Why these labelled images cannot train a classifier, or null: no images, a single class, or a
 * class with a single image (nothing left to validate or test it on).
 */
export function imageDatasetProblem(labelled: LabelledPaths): string | null {
  if (labelled.images.length === 0) {
    return "No images were found. Drop a folder (or zip) that holds one folder per class, each with PNG, JPEG, WebP, GIF or BMP pictures.";
  }
  if (labelled.classNames.length < 2) {
    return `All images are in one class ("${labelled.classNames[0] ?? ""}"). A classifier needs at least two: put each class's pictures in its own folder.`;
  }
  const counts = new Map<string, number>();
  for (const { label } of labelled.images) counts.set(label, (counts.get(label) ?? 0) + 1);
  const single = [...counts.entries()].filter(([, n]) => n < 2).map(([name]) => name);
  if (single.length > 0) {
    return `These classes have only one image: ${single.slice(0, 5).join(", ")}. Each class needs at least two (better, dozens) so it can be both learned and tested.`;
  }
  return null;
}

/** A short sentence for the role="status" report of what was skipped, or null. */
export function describeSkipped(skipped: LabelledPaths["skipped"]): string | null {
  const shown = skipped.filter((s) => s.reason !== "system");
  if (shown.length === 0) return null;
  const names = shown.slice(0, 5).map((s) => s.path);
  const more = shown.length > 5 ? ` and ${shown.length - 5} more` : "";
  return `${shown.length} ${shown.length === 1 ? "file is" : "files are"} not images in a class folder and ${shown.length === 1 ? "was" : "were"} skipped: ${names.join(", ")}${more}.`;
}

const FOLDER_EXAMPLE =
  "Put each class’s pictures in a folder named after the class (for example cats/1.png, cats/2.png, dogs/1.png) and drop the folder that holds them, or a zip of it.";

/**
 * Why pictures that sit in no folder (several images picked or dropped on their own) cannot be
 * used, with an example of the layout that works: an alert when they are all there is, else a
 * status note that they were skipped. Null when there are none.
 */
export function describeLoosePictures(paths: string[], nothingElse: boolean): string | null {
  if (paths.length === 0) return null;
  const names =
    paths.slice(0, 5).join(", ") + (paths.length > 5 ? ` and ${paths.length - 5} more` : "");
  const count = paths.length === 1 ? "1 picture is" : `${paths.length} pictures are`;
  return nothingElse
    ? `${count} in no class folder, so the studio cannot tell ${paths.length === 1 ? "its class" : "their classes"} (${names}). ${FOLDER_EXAMPLE}`
    : `${count} in no class folder and ${paths.length === 1 ? "was" : "were"} skipped: ${names}. ${FOLDER_EXAMPLE}`;
}

/** True when the drop is an image dataset (a zip or pictures) rather than a table. */
export function looksLikeImages(files: Array<{ path: string }>): boolean {
  return files.some((f) =>
    ["zip", "png", "jpg", "jpeg", "webp", "gif", "bmp"].includes(extensionOf(f.path)),
  );
}
