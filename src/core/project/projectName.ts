/** The name a project has until someone names it (or its data does). */
export const UNTITLED_PROJECT = "Untitled project";

/**
 * The project's name once `fileName` is loaded into it: a project nobody named yet takes its
 * data's name (`breast-cancer.csv` → "breast-cancer", `digits32.zip` → "digits32"); a name
 * someone chose, or that earlier data gave, stays.
 */
export function projectNameForData(current: string, fileName: string): string {
  if (current.trim() !== "" && current !== UNTITLED_PROJECT) return current;
  const stem = fileName
    .replace(/\.[^./]*$/, "")
    .replace(/[\\/]+$/, "")
    .trim();
  return stem === "" ? UNTITLED_PROJECT : stem.slice(0, 200);
}
