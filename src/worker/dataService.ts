import { untrainableTableProblem } from "../core/data/trainable";
import { profileColumns } from "../core/data/columns";
import { CsvError, parseCsv } from "../core/data/csv";
import { previewRows } from "../core/data/preview";
import {
  materializeSplits,
  MAX_SAMPLE_ROWS,
  planDataset,
  rawRecordsOf,
  rawTargets,
  type DatasetChoices,
  type DatasetPlan,
} from "../core/data/prepare";
import { materializeFold, planFolds } from "../core/data/crossValidation";
import type { RowOrigin } from "../core/eval/predictionsCsv";
import type { ColumnProfile, ParsedTable } from "../core/data/types";
import type {
  DatasetSummary,
  LoadedDataset,
  PlanChoices,
  PlanReply,
  PlanSummary,
  PreparedData,
  PreparedFold,
  PreparedSplitArrays,
  PrepareReply,
} from "../core/data/preparedData";
import type { DataService } from "../services/dataService";

/**
 * The dataset lives in one place, off the page: the data worker runs a LocalDataService, and the
 * page talks to it through the same interface (dataClient.ts). The page only ever holds summaries,
 * so a 100 MB table never crosses to the main thread and refitting never blocks it.
 */

export function summarize(table: ParsedTable): DatasetSummary {
  const { fileName, headers, rowCount, delimiter, encoding, notes } = table;
  return { fileName, headers, rowCount, delimiter, encoding, notes, preview: previewRows(table) };
}

/** Arrays that a PreparedData holds, to hand over without copying. */
export function transferablesOf(data: PreparedData): ArrayBuffer[] {
  const arraysOf = (d: Pick<PreparedData, "train" | "validation" | "test">) => [
    d.train.x,
    d.train.y,
    d.validation.x,
    d.validation.y,
    d.test.x,
    d.test.y,
  ];
  return [
    ...arraysOf(data),
    data.testTargets,
    data.trainTargets,
    ...(data.folds ?? []).flatMap((fold) => [
      ...arraysOf(fold),
      fold.testTargets,
      fold.trainTargets,
    ]),
  ].map((array) => array.buffer as ArrayBuffer);
}

/** The data service itself: holds the current table and answers from it. */
export class LocalDataService implements DataService {
  private current: { id: string; table: ParsedTable; profiles: ColumnProfile[] } | null = null;
  private loading: AbortController | null = null;
  private lastPlan: { datasetId: string; key: string; plan: DatasetPlan } | null = null;
  private counter = 0;

  async load(
    file: Blob,
    fileName: string,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): Promise<LoadedDataset> {
    this.loading?.abort();
    const controller = new AbortController();
    this.loading = controller;
    const table = await parseCsv(file, { fileName, onProgress, signal: controller.signal });
    const profiles = profileColumns(table);
    if (this.loading === controller) this.loading = null;
    // Refused before it replaces the loaded table, which the page keeps.
    const problem = untrainableTableProblem(fileName, table.rowCount, profiles);
    if (problem) throw new CsvError("untrainable", problem);
    const id = `dataset-${++this.counter}`;
    this.current = { id, table, profiles };
    this.lastPlan = null;
    return { datasetId: id, summary: summarize(table), profiles };
  }

  /** The table of `datasetId`, or null when another dataset has replaced it. */
  private tableOf(datasetId: string): ParsedTable | null {
    return this.current?.id === datasetId ? this.current.table : null;
  }

  private planFor(
    datasetId: string,
    choices: PlanChoices,
  ): { ok: true; plan: DatasetPlan } | { ok: false; problem: string } {
    const table = this.tableOf(datasetId);
    if (!table) return { ok: false, problem: "This dataset is no longer loaded." };
    const key = JSON.stringify(choices);
    if (this.lastPlan?.datasetId === datasetId && this.lastPlan.key === key) {
      return { ok: true, plan: this.lastPlan.plan };
    }
    const profiles = this.current?.profiles ?? [];
    const result = planDataset({ table, profiles, ...choices });
    if (result.ok) this.lastPlan = { datasetId, key, plan: result.plan };
    return result;
  }

  async plan(datasetId: string, choices: PlanChoices): Promise<PlanReply> {
    const result = this.planFor(datasetId, choices);
    return result.ok ? { ok: true, plan: summaryOf(result.plan) } : result;
  }

  async prepare(datasetId: string, choices: PlanChoices, folds = 0): Promise<PrepareReply> {
    const result = this.planFor(datasetId, choices);
    const table = this.tableOf(datasetId);
    if (!result.ok || !table)
      return result.ok ? { ok: false, problem: "This dataset is no longer loaded." } : result;
    const { plan } = result;
    const splits = materializeSplits(table, plan);
    const regression = plan.preprocessing.label.kind === "standardized";
    const targets = (rows: number[]) =>
      regression
        ? Float64Array.from(rawTargets(table, plan.preprocessing, rows))
        : new Float64Array(0);
    const arrays = (split: typeof splits.train): PreparedSplitArrays => ({
      x: split.x,
      y: split.y,
      rows: split.rows,
    });
    return {
      ok: true,
      data: {
        plan: summaryOf(plan),
        train: arrays(splits.train),
        validation: arrays(splits.validation),
        test: arrays(splits.test),
        testTargets: targets(splits.test.rowIndices),
        trainTargets: targets(splits.train.rowIndices),
        sampleRows: rawRecordsOf(
          table,
          plan.preprocessing,
          splits.test.rowIndices.slice(0, MAX_SAMPLE_ROWS),
        ),
        testOrigin: rowOrigin(table, choices, splits.test.rowIndices),
        ...(folds >= 2
          ? {
              folds: prepareFolds(
                { table, profiles: this.current?.profiles ?? [], ...choices },
                plan,
                folds,
              ),
            }
          : {}),
      },
    };
  }
}

/** Each fold's rows, preprocessed by what is fitted on the fold's own training rows. */
function prepareFolds(choices: DatasetChoices, plan: DatasetPlan, k: number): PreparedFold[] {
  const regression = plan.preprocessing.label.kind === "standardized";
  return planFolds(choices, plan, k).map((rows) => {
    const fold = materializeFold(choices, plan.preprocessing, rows);
    const targets = (indices: number[]) =>
      regression
        ? Float64Array.from(rawTargets(choices.table, fold.preprocessing, indices))
        : new Float64Array(0);
    const arrays = (split: typeof fold.train): PreparedSplitArrays => ({
      x: split.x,
      y: split.y,
      rows: split.rows,
    });
    return {
      train: arrays(fold.train),
      validation: arrays(fold.validation),
      test: arrays(fold.test),
      testTargets: targets(rows.test),
      trainTargets: targets(rows.train),
      label: fold.preprocessing.label,
    };
  });
}

function summaryOf(plan: DatasetPlan): PlanSummary {
  return {
    preprocessing: plan.preprocessing,
    featureCount: plan.featureCount,
    classNames: plan.classNames,
    smallClasses: plan.smallClasses,
    sizes: {
      train: plan.split.train.length,
      validation: plan.split.validation.length,
      test: plan.split.test.length,
    },
  };
}

/** Row numbers (1-based data rows) and the first identifier column's cells of `rows`. */
function rowOrigin(table: ParsedTable, choices: PlanChoices, rows: number[]): RowOrigin {
  const idColumn = choices.settings.find(
    (s) => s.type === "identifier" && s.name !== choices.target,
  )?.name;
  const values =
    idColumn === undefined ? undefined : table.columns[table.headers.indexOf(idColumn)];
  return {
    rowNumbers: rows.map((row) => row + 1),
    ...(idColumn !== undefined && values
      ? { id: { column: idColumn, values: rows.map((row) => values[row] ?? null) } }
      : {}),
  };
}
