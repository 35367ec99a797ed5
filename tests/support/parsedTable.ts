import type { ParsedTable } from "../../src/core/data/types";

/** A parsed table written out by hand, column by column ("t.csv"), for tests of what reads one. */
export function parsedTable(
  columns: Record<string, Array<string | null>>,
  delimiter = ",",
): ParsedTable {
  const headers = Object.keys(columns);
  const values = Object.values(columns);
  return {
    version: 1,
    fileName: "t.csv",
    headers,
    columns: values,
    rowCount: values[0]?.length ?? 0,
    delimiter,
    encoding: "utf-8",
    notes: [],
  };
}
