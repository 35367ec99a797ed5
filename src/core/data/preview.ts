import type { ParsedTable } from "./types";

/** How many rows the Data section shows of a table as read. */
export const PREVIEW_ROWS = 10;

/**
 * The first `count` rows of a table as read, row-major: what a person checks first (did the
 * columns split right, are these the values I expect). Missing cells are null.
 */
export function previewRows(
  table: Pick<ParsedTable, "columns" | "rowCount">,
  count = PREVIEW_ROWS,
): Array<Array<string | null>> {
  const rows = Math.min(count, table.rowCount);
  return Array.from({ length: rows }, (_, r) => table.columns.map((column) => column[r] ?? null));
}
