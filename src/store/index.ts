import { create } from "zustand";
import { createDatasetSlice, type DatasetSlice } from "./datasetSlice";
import { createImageSlice, type ImageSlice } from "./imageSlice";
import { createEvaluationSlice, type EvaluationSlice } from "./evaluationSlice";
import { createModelSlice, type ModelSlice } from "./modelSlice";
import { createPretrainedSlice, type PretrainedSlice } from "./pretrainedSlice";
import { createProjectSlice, type ProjectSlice } from "./projectSlice";
import { createShareSlice, type ShareSlice } from "./shareSlice";
import { createSharedViewSlice, type SharedViewSlice } from "./sharedViewSlice";
import { selectPlanChoices } from "./selectors";
import { createTrainedModelSlice, type TrainedModelSlice } from "./trainedModelSlice";
import { createTrainingSlice, type TrainingSlice } from "./trainingSlice";

export type StudioState = DatasetSlice &
  ModelSlice &
  TrainingSlice &
  EvaluationSlice &
  TrainedModelSlice &
  ProjectSlice &
  ShareSlice &
  SharedViewSlice &
  ImageSlice &
  PretrainedSlice;

/** The studio's one store, made of typed slices. Components read it through selectors. */
export const useStudio = create<StudioState>()((...args) => ({
  ...createDatasetSlice(...args),
  ...createModelSlice(...args),
  ...createTrainingSlice(...args),
  ...createEvaluationSlice(...args),
  ...createTrainedModelSlice(...args),
  ...createProjectSlice(...args),
  ...createShareSlice(...args),
  ...createSharedViewSlice(...args),
  ...createImageSlice(...args),
  ...createPretrainedSlice(...args),
}));

// Whenever the data choices change (a file, the target, a column, the split, the seed), the data
// worker refits the split and preprocessing; the model follows when the answer arrives.
useStudio.subscribe((state, previous) => {
  const unchanged =
    state.dataset === previous.dataset &&
    state.columnSettings === previous.columnSettings &&
    state.target === previous.target &&
    state.task === previous.task &&
    state.split === previous.split &&
    state.trainConfig.seed === previous.trainConfig.seed;
  if (!unchanged && selectPlanChoices(state)?.key !== selectPlanChoices(previous)?.key)
    state.requestPlan();
});
