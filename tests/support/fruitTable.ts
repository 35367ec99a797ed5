/** Test support (Node only): the small fruit table and its fitted preprocessing. */
import { readFileSync } from "node:fs";
import { defaultColumnSettings, profileColumns } from "../../src/core/data/columns";
import { parseCsvText } from "../../src/core/data/csv";
import { fitPreprocessing } from "../../src/core/data/preprocess";

/** tests/fixtures/fruit.csv: a numeric, a categorical (one-hot) and a boolean input; price the target. */
export async function fruitPreprocessing() {
  const url = new URL("../fixtures/fruit.csv", import.meta.url);
  const table = await parseCsvText(readFileSync(url, "utf8"), "fruit.csv");
  const profiles = profileColumns(table);
  const settings = profiles.map(defaultColumnSettings);
  return fitPreprocessing(table, profiles, settings, "price", "regression", [0, 1, 2, 3, 4]);
}
