/**
 * Raw records as the pipeline's inputs: what a client (or the studio's server) sends for each
 * column. Each column kind says what its cell becomes (`pipelineCell` in `data/columnKinds/`):
 * numbers are parsed as the table's column was (decimal comma included) and dates read in the
 * column's order, both as float32 with NaN when missing or unparsable; text cells go as they are,
 * trimmed, with "" for a missing cell (a missing marker, so the pipeline imputes it).
 */
import { kindOf } from "../../data/columnKinds";
import type { FittedColumnTransform, Preprocessing } from "../../data/types";
import type { RawRecord } from "../../project/trainedModel";

export type PipelineInputValues =
  { type: "float"; values: Float32Array } | { type: "string"; values: string[] };

/** What one cell becomes as the pipeline's input for its column. */
export function pipelineCell(t: FittedColumnTransform, cell: string | null): number | string {
  return kindOf(t).pipelineCell(t, cell?.trim() ?? null);
}

/** The pipeline's inputs for `records`, by graph input name (the column), each [records, 1]. */
export function pipelineInputs(
  preprocessing: Preprocessing,
  records: RawRecord[],
): Record<string, PipelineInputValues> {
  return Object.fromEntries(
    preprocessing.inputs.map((t) => {
      const cells = records.map((record) => pipelineCell(t, record[t.column] ?? null));
      const values: PipelineInputValues =
        kindOf(t).pipelineInput === "float"
          ? { type: "float", values: Float32Array.from(cells as number[]) }
          : { type: "string", values: cells as string[] };
      return [t.column, values];
    }),
  );
}
