import { create } from "zustand";
import { createDatasetSlice, type DatasetSlice } from "./datasetSlice";
import { createEvaluationSlice, type EvaluationSlice } from "./evaluationSlice";
import { createModelSlice, type ModelSlice } from "./modelSlice";
import { createTrainingSlice, type TrainingSlice } from "./trainingSlice";

export type StudioState = DatasetSlice & ModelSlice & TrainingSlice & EvaluationSlice;

/** The studio's one store, made of typed slices. Components read it through selectors. */
export const useStudio = create<StudioState>()((...args) => ({
  ...createDatasetSlice(...args),
  ...createModelSlice(...args),
  ...createTrainingSlice(...args),
  ...createEvaluationSlice(...args),
}));
