import type { StateCreator } from "zustand";
import type { Evaluation } from "./evaluate";
import type { StudioState } from "./index";

export interface EvaluationSlice {
  /** The last report; stale when the inputs changed since (see selectReportIsStale). */
  evaluation: Evaluation | null;
}

export const createEvaluationSlice: StateCreator<StudioState, [], [], EvaluationSlice> = () => ({
  evaluation: null,
});
