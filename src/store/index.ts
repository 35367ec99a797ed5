import { create, useStore, type StoreApi, type UseBoundStore } from "zustand";
import type { StudioServices } from "../services/studioServices";
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

/** The studio's store: a zustand hook with its API, and the services it was built from. */
export type StudioStore = UseBoundStore<StoreApi<StudioState>> & { services: StudioServices };

/**
 * Builds the studio's one store from its services (workers, storage, the share server): the page
 * does it once (`main.tsx`), each Node test with in-process ones. Components read it through
 * selectors (`useStudio`).
 */
export function createStudioStore(services: StudioServices): StudioStore {
  const store = create<StudioState>()((...args) => ({
    ...createDatasetSlice(services)(...args),
    ...createModelSlice(...args),
    ...createTrainingSlice(services)(...args),
    ...createEvaluationSlice(services)(...args),
    ...createTrainedModelSlice(services)(...args),
    ...createProjectSlice(services)(...args),
    ...createShareSlice(services)(...args),
    ...createSharedViewSlice(services)(...args),
    ...createImageSlice(services)(...args),
    ...createPretrainedSlice(services)(...args),
  }));
  // Whenever the data choices change (a file, the target, a column, the split, the seed), the data
  // worker refits the split and preprocessing; the model follows when the answer arrives.
  store.subscribe((state, previous) => {
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
  return Object.assign(store, { services });
}

let pageStore: StudioStore | null = null;

/** Makes `store` the one the page's components read (`main.tsx`, once, before rendering). */
export function providePageStore(store: StudioStore): void {
  pageStore = store;
}

function page(): StudioStore {
  if (!pageStore)
    throw new Error("The studio's store is not wired: main.tsx calls providePageStore.");
  return pageStore;
}

/**
 * The page's store as components use it: `useStudio(selector)` in render, `useStudio.getState()`
 * in handlers. It reads the store `main.tsx` built, so no service is made at import.
 */
export const useStudio = Object.assign(
  <T>(selector: (state: StudioState) => T): T => useStore(page(), selector),
  { getState: (): StudioState => page().getState() },
);
