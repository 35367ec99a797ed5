import { planDataset, type PlanResult } from "../core/data/prepare";
import type {
  ColumnProfile,
  ColumnSettings,
  ParsedTable,
  SplitFractions,
  TaskKind,
} from "../core/data/types";
import { dataFitProblems, type DataFitProblem } from "../core/model/fit";
import { analyzeGraph, type GraphAnalysis } from "../core/model/graph";
import type { ModelSpec } from "../core/model/spec";
import type { DataShape } from "../core/model/templates";
import { trainConfigProblems, type TrainConfig } from "../core/train/config";
import { memoizeLast } from "./memo";
import type { StudioState } from "./index";

const planMemo = memoizeLast(
  (
    table: ParsedTable | null,
    profiles: ColumnProfile[],
    settings: ColumnSettings[],
    target: string | null,
    task: TaskKind,
    fractions: SplitFractions,
    seed: number,
  ): PlanResult | null =>
    table && target
      ? planDataset({ table, profiles, settings, target, task, fractions, seed })
      : null,
);

/** The split and fitted preprocessing for the current choices (null while there is no data). */
export const selectPlan = (state: StudioState): PlanResult | null =>
  planMemo(
    state.table,
    state.profiles,
    state.columnSettings,
    state.target,
    state.task,
    state.split,
    state.trainConfig.seed,
  );

const analysisMemo = memoizeLast((spec: ModelSpec) => analyzeGraph(spec));
export const selectAnalysis = (state: StudioState) => analysisMemo(state.spec);

/** What the data asks of the model's input and head, or null while there is no plan. */
export function dataShapeOf(state: StudioState): DataShape | null {
  const plan = selectPlan(state);
  if (!plan?.ok) return null;
  return shapeMemo(plan.plan.featureCount, state.task, plan.plan.classNames.length);
}

const fitMemo = memoizeLast((spec: ModelSpec, analysis: GraphAnalysis, shape: DataShape | null) =>
  shape ? dataFitProblems(spec, analysis, shape) : [],
);
const shapeMemo = memoizeLast(
  (featureCount: number, task: TaskKind, classCount: number): DataShape => ({
    featureCount,
    task,
    classCount,
  }),
);

/** Mismatches between the model's ends and the data (wrong head, several inputs or outputs). */
export const selectDataFitProblems = (state: StudioState): DataFitProblem[] =>
  fitMemo(state.spec, selectAnalysis(state), dataShapeOf(state));

const configProblemsMemo = memoizeLast((config: TrainConfig) => trainConfigProblems(config));

/** Why training cannot start now, or null when it can. */
export function selectTrainBlocker(state: StudioState): string | null {
  if (!state.table) return "Load a dataset first.";
  const plan = selectPlan(state);
  if (!plan) return "Choose the column to predict.";
  if (!plan.ok) return plan.problem;
  const analysis = selectAnalysis(state);
  if (!analysis.isValid) return `The model has a problem: ${analysis.problems[0]?.message ?? ""}`;
  const fit = selectDataFitProblems(state)[0];
  if (fit) return `The model does not fit the data: ${fit.message}`;
  const problems = configProblemsMemo(state.trainConfig);
  if (problems.length > 0) return problems.join(" ");
  return null;
}

const keyMemo = memoizeLast(
  (
    table: ParsedTable | null,
    settings: ColumnSettings[],
    target: string | null,
    task: TaskKind,
    split: SplitFractions,
    spec: ModelSpec,
    config: TrainConfig,
  ) =>
    JSON.stringify({
      table: table ? [table.fileName, table.rowCount, table.headers] : null,
      settings,
      target,
      task,
      split,
      spec,
      config,
    }),
);

/** A fingerprint of everything a report depends on; a report made under another one is stale. */
export const selectInputsKey = (state: StudioState): string =>
  keyMemo(
    state.table,
    state.columnSettings,
    state.target,
    state.task,
    state.split,
    state.spec,
    state.trainConfig,
  );

export const selectReportIsStale = (state: StudioState): boolean =>
  state.evaluation !== null && state.evaluation.inputsKey !== selectInputsKey(state);
