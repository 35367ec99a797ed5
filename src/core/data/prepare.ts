import { agree, plural } from "../text/plural";
import { classSplitCounts, smallClasses, type SmallClass } from "./classBalance";
import { parseNumber } from "./columns";
import { classNamesOf, fitPreprocessing, rowsWithTarget, transformRows } from "./preprocess";
import { splitIndices } from "./split";
import type {
  ColumnProfile,
  ColumnSettings,
  ParsedTable,
  PreparedSplit,
  Preprocessing,
  SplitFractions,
  SplitIndices,
  TaskKind,
} from "./types";
import { messageOf } from "../errors";

/** Everything that decides how a table becomes model inputs. */
export interface DatasetChoices {
  table: ParsedTable;
  profiles: ColumnProfile[];
  settings: ColumnSettings[];
  target: string;
  task: TaskKind;
  fractions: SplitFractions;
  seed: number;
}

/** A split of the table's rows and the preprocessing fitted on its training rows. */
export interface DatasetPlan {
  split: SplitIndices;
  preprocessing: Preprocessing;
  featureCount: number;
  classNames: string[];
  /** Classification: classes absent from a split that has rows (see classBalance.ts). */
  smallClasses: SmallClass[];
}

export type PlanResult = { ok: true; plan: DatasetPlan } | { ok: false; problem: string };

/**
 * Splits the rows that have a target (stratified by class for classification) and fits the
 * preprocessing on the training rows only. Returns a problem a person can act on instead when the
 * choices cannot make a model: no target, a single class, no usable feature, too few rows.
 */
export function planDataset(choices: DatasetChoices): PlanResult {
  const { table, target, task } = choices;
  const targetIndex = table.headers.indexOf(target);
  const targetColumn = table.columns[targetIndex];
  if (targetIndex < 0 || !targetColumn)
    return { ok: false, problem: "Choose the column to predict." };
  const rows = rowsWithTarget(table, target);
  if (rows.length < 10) {
    return {
      ok: false,
      problem: `Only ${plural(rows.length, "row")} ${agree(rows.length, "has", "have")} a value in “${target}”; the studio needs at least 10 to train and test.`,
    };
  }
  let labels: number[] | null = null;
  if (task === "classification") {
    const classes = classNamesOf(table, target);
    if (classes.length < 2) {
      return {
        ok: false,
        problem: `“${target}” has a single class (${classes[0] ?? "none"}), so there is nothing to tell apart. Choose another target column.`,
      };
    }
    const index = new Map(classes.map((name, i) => [name, i]));
    labels = rows.map((r) => index.get(targetColumn[r] ?? "") ?? 0);
  } else {
    const profile = choices.profiles.find((p) => p.name === target);
    if (profile?.inferredType !== "numeric") {
      return {
        ok: false,
        problem: `“${target}” is not numeric, so it cannot be a regression target. Set the task to classification or choose a numeric column.`,
      };
    }
  }
  const features = choices.settings.filter(
    (s) => s.use && s.name !== target && !["identifier", "text", "empty"].includes(s.type),
  );
  if (features.length === 0) {
    return {
      ok: false,
      problem: "No column is left to learn from: mark at least one other column as used.",
    };
  }
  let local: SplitIndices;
  try {
    local = splitIndices(labels, rows.length, choices.fractions, choices.seed);
  } catch (error) {
    return { ok: false, problem: messageOf(error) };
  }
  const toRows = (indices: number[]) => indices.map((i) => rows[i] as number);
  const split = {
    train: toRows(local.train),
    validation: toRows(local.validation),
    test: toRows(local.test),
  };
  if (split.test.length === 0) {
    return {
      ok: false,
      problem: "The test split is empty; give it a larger share so the model can be evaluated.",
    };
  }
  const preprocessing = fitPreprocessing(
    table,
    choices.profiles,
    choices.settings,
    target,
    task,
    split.train,
  );
  const classNames = preprocessing.label.kind === "classes" ? preprocessing.label.classNames : [];
  const classLabels = labels;
  const small = classLabels
    ? smallClasses(
        classNames,
        classSplitCounts(local, (i) => classLabels[i] ?? -1, classNames.length),
      )
    : [];
  return {
    ok: true,
    plan: {
      split,
      preprocessing,
      featureCount: preprocessing.featureNames.length,
      classNames,
      smallClasses: small,
    },
  };
}

export interface MaterializedData {
  train: PreparedSplit;
  validation: PreparedSplit;
  test: PreparedSplit;
}

/** Applies the plan's preprocessing to each split. */
export function materializeSplits(table: ParsedTable, plan: DatasetPlan): MaterializedData {
  return {
    train: transformRows(table, plan.preprocessing, plan.split.train),
    validation: transformRows(table, plan.preprocessing, plan.split.validation),
    test: transformRows(table, plan.preprocessing, plan.split.test),
  };
}

/** The raw numeric target of each row (float64, as written in the file), for regression metrics. */
export function rawTargets(
  table: ParsedTable,
  preprocessing: Preprocessing,
  rows: number[],
): number[] {
  const { label } = preprocessing;
  const column = table.columns[table.headers.indexOf(label.column)] ?? [];
  const decimalComma = label.kind === "standardized" && label.decimalComma;
  return rows.map((r) => parseNumber(column[r] ?? "", decimalComma));
}

/** Raw test rows a trained model keeps (to pre-fill try-it and make the model card's example). */
export const MAX_SAMPLE_ROWS = 20;

/**
 * The raw cells of `rows` for the columns the preprocessing reads and the target, as records
 * (column name → trimmed text, null when missing): what a person would type or a server receive.
 */
export function rawRecordsOf(
  table: ParsedTable,
  preprocessing: Preprocessing,
  rows: number[],
): Array<Record<string, string | null>> {
  const names = [...preprocessing.inputs.map((t) => t.column), preprocessing.label.column];
  const columns = names.map((name) => table.columns[table.headers.indexOf(name)] ?? []);
  return rows.map((row) =>
    Object.fromEntries(names.map((name, i) => [name, columns[i]?.[row] ?? null])),
  );
}
