import type { StudioServices } from "../services/studioServices";
import { bundleDownloadName } from "../core/export/bundleLayout";
import type { InputEffects } from "../core/eval/inputEffects";
import type { StateCreator } from "zustand";
import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import type {
  BundleExportReply,
  BundleImportReply,
  CsvPredictReply,
} from "../services/predictService";
import type { Saliency } from "../core/eval/occlusion";
import type { PictureResult } from "../core/data/images/picture";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";

/** Where the model came from: a run here, an imported bundle, or a shared link. */
export type TrainedModelOrigin = "training" | "bundle" | "link";

export interface TrainedModelSlice {
  /** The model the last run ended with, or the one a bundle brought; what try-it and export use. */
  trainedModel: TrainedModel | null;
  trainedModelOrigin: TrainedModelOrigin | null;
  setTrainedModel: (model: TrainedModel | null, origin?: TrainedModelOrigin) => void;
  /** The current model's answer for one raw record (in the predict worker). */
  predictRecord: (record: RawRecord) => Promise<Prediction>;
  /** How much each input moved this record's prediction (tables; in the predict worker). */
  recordEffects: (record: RawRecord) => Promise<InputEffects>;
  /**
   * A picture file made into the current image model's input bytes [size, size, channels] in the
   * data worker, exactly as its dataset's pictures were (size, channels, fit).
   */
  decodePicture: (file: File) => Promise<PictureResult>;
  /** The current image model's answer for one picture's bytes (in the predict worker). */
  predictPicture: (pixels: Uint8Array) => Promise<Prediction>;
  /** The occlusion map of one picture for a class (in the predict worker), with progress. */
  pictureSaliency: (
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ) => Promise<Saliency>;
  /** A CSV of new rows with the current model's predictions appended (in the predict worker). */
  predictCsv: (file: File) => Promise<CsvPredictReply>;
  /** A bundle export under way, or what went wrong with the last one (for role="alert"). */
  exportState:
    { state: "idle" | "exporting" } | { state: "failed"; problem: string; model: TrainedModel };
  /** Builds the current model's bundle (in the predict worker): the .zip's bytes and file name. */
  exportBundle: () => Promise<{ bytes: Uint8Array; fileName: string } | null>;
  importState:
    | { state: "idle" | "importing" }
    | { state: "failed"; problem: string }
    | { state: "imported"; fileName: string };
  /**
   * Reads a bundle (in the predict worker). A good one replaces the model, puts its spec on the
   * canvas and its report in the evaluation section; a bad one changes nothing but the alert.
   */
  importBundle: (file: File) => Promise<void>;
}

/** The trained-model slice's data before any model: also a new project's. */
export const initialTrainedModelState = (): SliceData<TrainedModelSlice> => ({
  trainedModel: null,
  trainedModelOrigin: null,
  exportState: { state: "idle" },
  importState: { state: "idle" },
});

export const createTrainedModelSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], TrainedModelSlice> =>
  (set, get) => {
    const current = () => {
      const model = get().trainedModel;
      if (!model) throw new Error("Train a model or import a bundle first.");
      return model;
    };
    return {
      ...initialTrainedModelState(),
      setTrainedModel: (trainedModel, origin = "training") =>
        set({
          trainedModel,
          trainedModelOrigin: trainedModel ? origin : null,
          exportState: { state: "idle" },
        }),
      predictRecord: async (record) => {
        const [prediction] = await services.predict.predict(current(), [record]);
        if (!prediction) throw new Error("The model gave no answer.");
        return prediction;
      },
      recordEffects: (record) => services.predict.inputEffects(current(), record),
      predictCsv: (file) => services.predict.predictCsv(current(), file, file.name),
      decodePicture: async (file) => {
        const image = current().preprocessing.image;
        if (!image) throw new Error("This model takes table rows, not pictures.");
        return services.images.decodePicture(file, file.name, image);
      },
      predictPicture: (pixels) => services.predict.predictPicture(current(), pixels),
      pictureSaliency: (pixels, classIndex, onProgress) =>
        services.predict.pictureSaliency(current(), pixels, classIndex, onProgress),

      exportBundle: async () => {
        const model = get().trainedModel;
        if (!model || get().exportState.state === "exporting") return null;
        set({ exportState: { state: "exporting" } });
        let reply: BundleExportReply;
        try {
          reply = await services.predict.exportBundle(model);
        } catch (error) {
          reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
        }
        if (!reply.ok) {
          set({ exportState: { state: "failed", problem: reply.problem, model } });
          return null;
        }
        set({ exportState: { state: "idle" } });
        return { bytes: reply.bytes, fileName: bundleDownloadName(model) };
      },

      importBundle: async (file) => {
        set({ importState: { state: "importing" } });
        let reply: BundleImportReply;
        try {
          reply = await services.predict.readBundle(file);
        } catch (error) {
          reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
        }
        if (!reply.ok) {
          set({ importState: { state: "failed", problem: `${file.name}: ${reply.problem}` } });
          return;
        }
        // A run in flight would replace the imported model when it ends.
        get().cancelTraining();
        get().showModel(reply.model.spec);
        set({
          trainedModel: reply.model,
          trainedModelOrigin: "bundle",
          evaluation: null,
          exportState: { state: "idle" },
          importState: { state: "imported", fileName: file.name },
        });
      },
    };
  };
