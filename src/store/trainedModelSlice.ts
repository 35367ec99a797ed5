import type { StateCreator } from "zustand";
import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import type { CsvPredictReply } from "../worker/predictService";
import { predictService } from "./predictService";
import type { StudioState } from "./index";

export type TrainedModelOrigin = "training" | "bundle";

export interface TrainedModelSlice {
  /** The model the last run ended with, or the one a bundle brought; what try-it and export use. */
  trainedModel: TrainedModel | null;
  trainedModelOrigin: TrainedModelOrigin | null;
  setTrainedModel: (model: TrainedModel | null, origin?: TrainedModelOrigin) => void;
  /** The current model's answer for one raw record (in the predict worker). */
  predictRecord: (record: RawRecord) => Promise<Prediction>;
  /** A CSV of new rows with the current model's predictions appended (in the predict worker). */
  predictCsv: (file: File) => Promise<CsvPredictReply>;
}

export const createTrainedModelSlice: StateCreator<StudioState, [], [], TrainedModelSlice> = (
  set,
  get,
) => {
  const current = () => {
    const model = get().trainedModel;
    if (!model) throw new Error("Train a model or import a bundle first.");
    return model;
  };
  return {
    trainedModel: null,
    trainedModelOrigin: null,
    setTrainedModel: (trainedModel, origin = "training") =>
      set({ trainedModel, trainedModelOrigin: trainedModel ? origin : null }),
    predictRecord: async (record) => {
      const [prediction] = await predictService().predict(current(), [record]);
      if (!prediction) throw new Error("The model gave no answer.");
      return prediction;
    },
    predictCsv: (file) => predictService().predictCsv(current(), file, file.name),
  };
};
