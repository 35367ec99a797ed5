import type { StateCreator } from "zustand";
import type { PermutationImportance } from "../core/eval/importance";
import type { Evaluation } from "./evaluate";
import type { StudioState } from "./index";
import { predictService } from "./predictService";

/** Permutation importance of one evaluation's model, measured in the predict worker. */
export type ImportanceRun =
  | { state: "running"; evaluation: Evaluation; done: number; total: number }
  | { state: "done"; evaluation: Evaluation; result: PermutationImportance }
  | { state: "error"; evaluation: Evaluation; error: string };

/** Where a binary classifier calls a row positive until the person moves it. */
export const DEFAULT_DECISION_THRESHOLD = 0.5;

export interface EvaluationSlice {
  /** The last report; stale when the inputs changed since (see selectReportIsStale). */
  evaluation: Evaluation | null;
  /** Binary tasks: the probability of the positive class at which a row is called positive. */
  decisionThreshold: number;
  setDecisionThreshold: (threshold: number) => void;
  /** The last importance run; it belongs to the report whose evaluation it names. */
  importance: ImportanceRun | null;
  /** Shuffles each input column of the test rows and measures the drop in the model's score. */
  measureImportance: () => Promise<void>;
}

export const createEvaluationSlice: StateCreator<StudioState, [], [], EvaluationSlice> = (
  set,
  get,
) => ({
  evaluation: null,
  importance: null,
  measureImportance: async () => {
    const { evaluation, trainedModel, importance } = get();
    if (!evaluation || !trainedModel) return;
    if (importance?.state === "running" && importance.evaluation === evaluation) return;
    set({ importance: { state: "running", evaluation, done: 0, total: 0 } });
    const stillOurs = () => get().importance?.evaluation === evaluation;
    try {
      const result = await predictService().importance(
        trainedModel,
        evaluation.testRows,
        (done, total) => {
          if (stillOurs()) set({ importance: { state: "running", evaluation, done, total } });
        },
      );
      if (stillOurs()) set({ importance: { state: "done", evaluation, result } });
    } catch (error) {
      if (stillOurs())
        set({
          importance: {
            state: "error",
            evaluation,
            error: error instanceof Error ? error.message : String(error),
          },
        });
    }
  },
  decisionThreshold: DEFAULT_DECISION_THRESHOLD,
  setDecisionThreshold: (threshold) => {
    if (Number.isFinite(threshold)) set({ decisionThreshold: Math.min(1, Math.max(0, threshold)) });
  },
});
