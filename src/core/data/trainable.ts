import { plural } from "../text/plural";
import type { ColumnProfile } from "./types";

/** The fewest rows the studio trains and tests on (planDataset refuses fewer). */
export const MIN_TRAINING_ROWS = 10;

/**
 * Why a freshly read table cannot be trained on whatever the person chooses, or null when it can:
 * too few rows for a training, validation and test split, a single column (nothing to predict
 * from), or no column whose values differ (nothing to predict). A loaded project keeps its data
 * when the new file is refused, so this is asked before the table replaces anything.
 */
export function untrainableTableProblem(
  fileName: string,
  rowCount: number,
  profiles: ColumnProfile[],
): string | null {
  const name = `“${fileName}”`;
  if (rowCount < MIN_TRAINING_ROWS)
    return `${name} has only ${plural(rowCount, "data row")}; the studio needs at least ${MIN_TRAINING_ROWS} to split into training, validation and test rows. Add rows and try again.`;
  if (profiles.length < 2)
    return `${name} has a single column, so there is nothing to predict it from. A table needs a column to predict and at least one column to predict it from.`;
  const varying = profiles.filter((p) => p.inferredType !== "empty" && p.uniqueCount >= 2);
  if (varying.length === 0)
    return `Every column of ${name} holds one value in every row, so there is nothing to learn. Choose a table whose columns vary.`;
  return null;
}
