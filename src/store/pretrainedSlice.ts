import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import { MAX_IMAGE_SIZE, MIN_IMAGE_SIZE } from "../core/data/images/types";
import { withChannels } from "../core/data/images/channels";
import { TRANSFER_HEAD_LEARNING_RATE, transferSpec } from "../core/transfer/compose";
import { picturesFitFor } from "../core/transfer/picturesFit";
import type { Backbone } from "../core/transfer/convert";
import {
  backboneFromTrained,
  loadBackboneFromFiles,
  loadBackboneFromUrl,
} from "../core/transfer/load";
import type { FineTuneSettings } from "../core/transfer/train";
import type { StudioState } from "./index";
import { selectPictures, selectPictureSource } from "./loadedData";
import { messageOf } from "../core/errors";

/** The backbone the studio ships (trained by scripts/make-backbone.mjs), loaded like any URL. */
export const SHIPPED_BACKBONE_PATH = "/backbones/shapes-cnn/model.json";

export interface PretrainedSlice {
  /** The loaded backbone (its layers to the cut and weights) and where it came from. */
  pretrained: { backbone: Backbone; source: string } | null;
  pretrainedStatus: "idle" | "loading";
  /** What went wrong with the last load or use, for a role="alert" region. */
  pretrainedError: string | null;
  /** Off when `layers` is 0: after the head, unfreeze that many top layers at a lower rate. */
  fineTune: FineTuneSettings;
  /** Set while the pictures are decoded again at the backbone's size, to use it once they are. */
  pretrainedPendingUse: boolean;
  loadPretrainedUrl: (url: string) => Promise<void>;
  loadPretrainedFiles: (files: File[]) => Promise<void>;
  /** Puts the backbone (one locked block) and a new head on the canvas for the loaded pictures. */
  usePretrained: () => void;
  setFineTune: (patch: Partial<FineTuneSettings>) => void;
}

export const DEFAULT_FINE_TUNE: FineTuneSettings = {
  layers: 0,
  learningRateFactor: 0.1,
  epochs: 5,
};

async function fetchBytes(url: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch {
    throw new Error("the address cannot be reached");
  }
  if (!response.ok) throw new Error(`the server answered ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export const createPretrainedSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], PretrainedSlice> =>
  (set, get) => {
    const loaded = (backbone: Backbone, source: string) =>
      set({ pretrained: { backbone, source }, pretrainedStatus: "idle", pretrainedError: null });
    const failed = (error: unknown) =>
      set({ pretrainedStatus: "idle", pretrainedError: messageOf(error) });

    return {
      pretrained: null,
      pretrainedStatus: "idle",
      pretrainedError: null,
      fineTune: DEFAULT_FINE_TUNE,
      pretrainedPendingUse: false,

      loadPretrainedUrl: async (url) => {
        set({ pretrainedStatus: "loading", pretrainedError: null });
        try {
          const absolute = new URL(url, window.location.href).href;
          loaded(await loadBackboneFromUrl(absolute, fetchBytes), url);
        } catch (error) {
          failed(error);
        }
      },

      loadPretrainedFiles: async (files) => {
        set({ pretrainedStatus: "loading", pretrainedError: null });
        try {
          const zip = files.find((f) => f.name.toLowerCase().endsWith(".zip"));
          if (zip) {
            const reply = await services.predict.readBundle(zip);
            if (!reply.ok) throw new Error(reply.problem);
            const name = zip.name.replace(/\.zip$/i, "");
            const image = reply.model.preprocessing.image;
            loaded(
              backboneFromTrained(
                reply.model.spec,
                reply.model.weights,
                name,
                image ? { fit: image.fit, channels: image.channels } : null,
              ),
              zip.name,
            );
            return;
          }
          const named = await Promise.all(
            files.map(async (f) => ({
              name: f.name,
              bytes: new Uint8Array(await f.arrayBuffer()),
            })),
          );
          loaded(loadBackboneFromFiles(named), files.map((f) => f.name).join(", "));
        } catch (error) {
          failed(error);
        }
      },

      usePretrained: () => {
        const { pretrained } = get();
        const imageDataset = selectPictures(get());
        if (!pretrained) return;
        if (!imageDataset) {
          set({
            pretrainedError:
              "Load pictures first (step 1, Data): the head is sized to their classes.",
          });
          return;
        }
        const [height, width] = pretrained.backbone.inputShape;
        if (height !== width || height < MIN_IMAGE_SIZE || height > MAX_IMAGE_SIZE) {
          set({
            pretrainedError: `This model takes ${height}×${width} pictures; the studio resizes pictures to squares of ${MIN_IMAGE_SIZE}–${MAX_IMAGE_SIZE} px, so it cannot feed it. Choose a model with a square input in that range.`,
          });
          return;
        }
        set({ pretrainedError: null });
        const fit = picturesFitFor(
          pretrained.backbone.inputShape,
          imageDataset,
          selectPictureSource(get()) !== null,
          pretrained.backbone.pictures,
        );
        let pictures = imageDataset;
        if (fit?.how === "drop-again") {
          set({ pretrainedError: fit.problem });
          return;
        }
        if (fit?.how === "decode") {
          // The pictures are decoded again at the backbone's size; imageSlice uses it when they are.
          set({ pretrainedPendingUse: true });
          get().setImageSettings({
            size: fit.size,
            channels: fit.channels,
            ...(fit.fit ? { fit: fit.fit } : {}),
          });
          return;
        }
        if (fit?.how === "convert") {
          // Kept pictures change colour in place; the report on the old colour goes out of date.
          pictures = withChannels(imageDataset, fit.channels);
          set({
            dataset: { kind: "pictures", pictures, source: selectPictureSource(get()) },
            imageTestImages: null,
          });
        }
        const spec = transferSpec(pretrained.backbone, pictures.classNames.length);
        get().showModel(spec);
        // The head trains on fixed features: the rate measured for it (see TRANSFER_HEAD_L2).
        get().setTrainConfig({ learningRate: TRANSFER_HEAD_LEARNING_RATE });
        set({ specIsDefault: false });
      },

      setFineTune: (patch) => set({ fineTune: { ...get().fineTune, ...patch } }),
    };
  };
