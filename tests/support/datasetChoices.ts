/** Test support (Node only): a table's choices as the studio makes them, for the data planners. */
import { readFileSync } from "node:fs";
import { defaultColumnSettings, profileColumns } from "../../src/core/data/columns";
import { parseCsvText } from "../../src/core/data/csv";
import type { DatasetChoices } from "../../src/core/data/prepare";

/** The text of a shipped sample (public/samples). */
export const sampleText = (name: string) =>
  readFileSync(new URL(`../../public/samples/${name}`, import.meta.url), "utf8");

/** `text` parsed and profiled, every column at its default, split 70/15/15 with `seed`. */
export async function datasetChoices(
  text: string,
  target: string,
  task: DatasetChoices["task"],
  seed: number,
): Promise<DatasetChoices> {
  const table = await parseCsvText(text, "t.csv");
  const profiles = profileColumns(table);
  return {
    table,
    profiles,
    settings: profiles.map(defaultColumnSettings),
    target,
    task,
    fractions: { train: 0.7, validation: 0.15, test: 0.15 },
    seed,
  };
}
