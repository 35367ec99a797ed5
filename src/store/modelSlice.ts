import type { StateCreator } from "zustand";
import type { ModelSpec } from "../core/model/spec";
import { DEFAULT_MLP, fitSpecToData, mlpSpec, type MlpSettings } from "../core/model/templates";
import { dataShapeOf } from "./selectors";
import type { StudioState } from "./index";

export interface ModelSlice {
  spec: ModelSpec;
  setSpec: (spec: ModelSpec) => void;
  /** Rebuilds the spec from the simple form's settings, keeping both ends fitted to the data. */
  setMlp: (settings: MlpSettings) => void;
  /** Makes the input follow the feature count and the head follow the task. */
  syncModelToData: () => void;
}

export const createModelSlice: StateCreator<StudioState, [], [], ModelSlice> = (set, get) => ({
  spec: mlpSpec(DEFAULT_MLP, { featureCount: 1, task: "classification", classCount: 2 }),
  setSpec: (spec) => set({ spec }),
  setMlp: (settings) => {
    const shape = dataShapeOf(get()) ?? { featureCount: 1, task: get().task, classCount: 2 };
    set({ spec: mlpSpec(settings, shape) });
  },
  syncModelToData: () => {
    const shape = dataShapeOf(get());
    if (!shape) return;
    const spec = fitSpecToData(get().spec, shape);
    if (spec !== get().spec) set({ spec });
  },
});
