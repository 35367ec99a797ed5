import { readFileSync } from "node:fs";
import { defaultColumnSettings, profileColumns } from "../../src/core/data/columns";
import { parseCsvText } from "../../src/core/data/csv";
import { materializeSplits, planDataset } from "../../src/core/data/prepare";
import type { TaskKind } from "../../src/core/data/types";

/**
 * A sample of public/samples split and preprocessed as the studio does with its default column
 * settings (70/10/20, seed 1): the plan and the train, validation and test arrays.
 */
export async function preparedSample(file: string, target: string, task: TaskKind) {
  const url = new URL(`../../public/samples/${file}`, import.meta.url);
  const table = await parseCsvText(readFileSync(url, "utf8"), file);
  const profiles = profileColumns(table);
  const settings = profiles.map(defaultColumnSettings);
  const fractions = { train: 0.7, validation: 0.1, test: 0.2 };
  const result = planDataset({ table, profiles, settings, target, task, fractions, seed: 1 });
  if (!result.ok) throw new Error(result.problem);
  return { plan: result.plan, ...materializeSplits(table, result.plan) };
}
