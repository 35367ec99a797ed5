import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import type { PermutationImportance } from "../core/eval/importance";
import type { Evaluation } from "../core/eval/evaluation";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";
import { linearRunOf } from "./linearRun";
import { selectInputsKey } from "./selectors";
import { IDLE_RUN } from "../core/train/trainingRun";

/** Permutation importance of one evaluation's model, measured in the predict worker. */
export type ImportanceRun =
  | { state: "running"; evaluation: Evaluation; done: number; total: number }
  | { state: "done"; evaluation: Evaluation; result: PermutationImportance }
  | { state: "error"; evaluation: Evaluation; error: string };

/** Where a binary classifier calls a row positive until the person moves it. */
export const DEFAULT_DECISION_THRESHOLD = 0.5;

/** The current model's decision threshold (binary tasks): the one it records, else 0.5. */
export const selectDecisionThreshold = (state: StudioState): number =>
  state.trainedModel?.decisionThreshold ?? DEFAULT_DECISION_THRESHOLD;

export interface EvaluationSlice {
  /** The last report; stale when the inputs changed since (see selectReportIsStale). */
  evaluation: Evaluation | null;
  /**
   * Binary tasks: records the probability of the positive class at which the current model calls a
   * row positive, in the TrainedModel itself (so export, links, projects and try-it all apply it;
   * read it with selectDecisionThreshold). Does nothing without a two-class model.
   */
  setDecisionThreshold: (threshold: number) => void;
  /** The last importance run; it belongs to the report whose evaluation it names. */
  importance: ImportanceRun | null;
  /** Shuffles each input column of the test rows and measures the drop in the model's score. */
  measureImportance: () => Promise<void>;
  /**
   * "Use the linear model": the report's linear model becomes the current model and a run of its
   * own (kept in the history, tried, exported and shared like a network); its Input → Dense spec
   * goes on the canvas, as reopening a run puts that run's model there (Undo brings the network
   * back). Does nothing when the report holds no fitted linear model or a run is under way.
   */
  adoptLinearModel: () => void;
}

/** The evaluation slice's data before any report: also a new project's. */
export const initialEvaluationState = (): SliceData<EvaluationSlice> => ({
  evaluation: null,
  importance: null,
});

export const createEvaluationSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], EvaluationSlice> =>
  (set, get) => ({
    ...initialEvaluationState(),
    measureImportance: async () => {
      const { evaluation, trainedModel, importance } = get();
      if (!evaluation || !trainedModel) return;
      if (importance?.state === "running" && importance.evaluation === evaluation) return;
      set({ importance: { state: "running", evaluation, done: 0, total: 0 } });
      const stillOurs = () => get().importance?.evaluation === evaluation;
      try {
        const result = await services.predict.importance(
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
    adoptLinearModel: () => {
      const state = get();
      const { evaluation, trainedModel } = state;
      if (!evaluation || !trainedModel || state.run.state === "running") return;
      const adopted = linearRunOf({
        network: trainedModel,
        evaluation,
        createdAt: new Date().toISOString(),
      });
      if (!adopted) return;
      const spec = adopted.model.spec;
      const runId = `run-${Date.now()}-linear`;
      // One change: the autosave keeps the run when the model changes, and reads the report with it.
      set({
        past: [...state.past, { spec: state.spec, layout: state.layout }],
        future: [],
        spec,
        layout: adopted.layout,
        specIsDefault: false,
        selectedNodeId: null,
        trainedModel: adopted.model,
        trainedModelOrigin: "training",
        evaluation: { ...adopted.evaluation, inputsKey: selectInputsKey({ ...state, spec }) },
        importance: null,
        run: {
          ...IDLE_RUN,
          state: "done",
          runId,
          reason: "completed",
          backend: "cpu",
          task: state.run.task ?? trainedModel.task,
        },
      });
    },
    setDecisionThreshold: (threshold) => {
      const { trainedModel, projectRuns } = get();
      if (!Number.isFinite(threshold) || !trainedModel || trainedModel.labels.length !== 2) return;
      const decisionThreshold = Math.min(1, Math.max(0, threshold));
      if (trainedModel.decisionThreshold === decisionThreshold) return;
      const model = { ...trainedModel, decisionThreshold };
      // The project's run keeps the same model, so a reload or a reopened run brings it back too.
      set({
        trainedModel: model,
        projectRuns: projectRuns.map((run) =>
          run.model === trainedModel ? { ...run, model } : run,
        ),
      });
    },
  });
