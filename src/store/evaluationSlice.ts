import type { StateCreator } from "zustand";
import type { Evaluation } from "./evaluate";
import type { StudioState } from "./index";

/** Where a binary classifier calls a row positive until the person moves it. */
export const DEFAULT_DECISION_THRESHOLD = 0.5;

export interface EvaluationSlice {
  /** The last report; stale when the inputs changed since (see selectReportIsStale). */
  evaluation: Evaluation | null;
  /** Binary tasks: the probability of the positive class at which a row is called positive. */
  decisionThreshold: number;
  setDecisionThreshold: (threshold: number) => void;
}

export const createEvaluationSlice: StateCreator<StudioState, [], [], EvaluationSlice> = (set) => ({
  evaluation: null,
  decisionThreshold: DEFAULT_DECISION_THRESHOLD,
  setDecisionThreshold: (threshold) => {
    if (Number.isFinite(threshold)) set({ decisionThreshold: Math.min(1, Math.max(0, threshold)) });
  },
});
