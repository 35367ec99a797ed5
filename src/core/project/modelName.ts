/** Longest name Triton and KServe accept comfortably (a Kubernetes name is at most 63 characters). */
const MAX_NAME_LENGTH = 63;

/**
 * A model name from the file it was trained on and the column it predicts, safe as a Triton model
 * name, a KServe resource name and a file name: lowercase `[a-z0-9_-]`, starting with a letter or
 * digit, at most 63 characters. `iris.csv` + `species` → `iris-species`.
 */
export function trainedModelName(fileName: string, target: string): string {
  const stem = fileName.replace(/\.[^.]*$/, "");
  const safe = (text: string) =>
    text
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/-{2,}/g, "-")
      .replace(/^[-_]+|[-_]+$/g, "");
  const joined = [safe(stem), safe(target)].filter((part) => part.length > 0).join("-");
  const trimmed = joined.slice(0, MAX_NAME_LENGTH).replace(/[-_]+$/, "");
  return trimmed.length > 0 ? trimmed : "model";
}
