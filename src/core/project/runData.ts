import { plural } from "../text/plural";

/** What tells one dataset from another to a person: its file name and its size. */
export interface DataIdentity {
  name: string;
  /** Table rows, or pictures. */
  rows: number;
  kind: "table" | "images";
}

/**
 * Why a kept run's report does not describe the loaded data, or null when it does (or when the
 * run is too old to say what it trained on). Shown beside a restored run's report.
 */
export function runDataMismatch(
  trainedOn: DataIdentity | undefined,
  loaded: DataIdentity | null,
): string | null {
  if (!trainedOn) return null;
  const describe = (data: DataIdentity) =>
    `“${data.name}” (${plural(data.rows, data.kind === "images" ? "picture" : "row")})`;
  if (!loaded)
    return `This run was trained on ${describe(trainedOn)}, which is not loaded now: its report describes that data.`;
  if (
    trainedOn.name === loaded.name &&
    trainedOn.rows === loaded.rows &&
    trainedOn.kind === loaded.kind
  )
    return null;
  return `This run was trained on ${describe(trainedOn)}, not on the loaded ${describe(loaded)}: its report describes that other data. Train again to get a report on the loaded data.`;
}
