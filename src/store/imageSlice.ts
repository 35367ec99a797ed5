import type { LoadTicket } from "./datasetSlice";
import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import {
  clampAugmentation,
  DEFAULT_AUGMENTATION,
  type AugmentationSettings,
} from "../core/data/images/augment";
import type { ImageChannels, ImageFit } from "../core/data/images/types";
import {
  imageCnnSpec,
  proposedAugmentation,
  proposedTrainConfig,
} from "../core/model/imageTemplate";
import { TRANSFER_HEAD_LEARNING_RATE, transferSpec } from "../core/transfer/compose";
import { LoadCancelledError } from "../services/dataService";
import type { DroppedFile } from "../services/imageService";
import { dataUndoOf } from "./dataReplacement";
import { selectPictures, selectPictureSource } from "./loadedData";
import { projectNameForData } from "../core/project/projectName";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";

/** The size, colour and fit the person chose; null size or channels means "from the data". */
export interface ImageSettings {
  size: number | null;
  channels: ImageChannels | null;
  fit: ImageFit;
}

export interface ImageSlice {
  /** The decoding in flight or last made: a newer one, a cancel or a reset replaces it. */
  imageLoad: LoadTicket | null;
  /** The decoding under way, if any (selectImageStatus says "loading"). */
  imageProgress: { done: number; total: number } | null;
  imageSettings: ImageSettings;
  /** What went wrong with the last drop of images, for a role="alert" region. */
  imageError: string | null;
  /** Seeded on-the-fly augmentation for the next run (training batches only). */
  augmentation: AugmentationSettings;
  /** The last run's test pictures (bytes [N, H, W, C]) and their dataset indices, for the report. */
  imageTestImages: { pixels: Uint8Array; indices: number[] } | null;
  /** A test picture (index into imageTestImages) the report asked try-it to show; serial repeats. */
  tryPictureRequest: { testIndex: number; serial: number } | null;
  /** Asks try-it to show and answer the test picture at `testIndex` (from the report's gallery). */
  openPictureInTryIt: (testIndex: number) => void;
  setAugmentation: (patch: Partial<AugmentationSettings>) => void;
  loadImages: (files: DroppedFile[], name: string) => Promise<void>;
  setImageSettings: (patch: Partial<ImageSettings>) => void;
  cancelImageLoad: () => void;
  dismissImageError: () => void;
}

export const DEFAULT_IMAGE_SETTINGS: ImageSettings = { size: null, channels: null, fit: "pad" };

/** The image slice's data before any pictures: also what a new project starts from. */
export const initialImageState = (): SliceData<ImageSlice> => ({
  imageLoad: null,
  imageProgress: null,
  imageSettings: DEFAULT_IMAGE_SETTINGS,
  imageError: null,
  augmentation: DEFAULT_AUGMENTATION,
  imageTestImages: null,
  tryPictureRequest: null,
});

export const createImageSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], ImageSlice> =>
  (set, get) => {
    const decode = async (files: DroppedFile[], name: string, settings: ImageSettings) => {
      const load: LoadTicket = { name };
      const previous = selectPictures(get());
      set({
        imageLoad: load,
        imageError: null,
        imageProgress: { done: 0, total: 0 },
      });
      try {
        const reply = await services.images.loadImages(
          files,
          { ...settings, sourceName: name },
          (done, total) => {
            if (get().imageLoad === load) set({ imageProgress: { done, total } });
          },
        );
        if (get().imageLoad !== load) return;
        if (!reply.ok) {
          set({
            imageProgress: null,
            imageError: reply.problem,
          });
          return;
        }
        const { dataset } = reply;
        const isNewData = selectPictureSource(get())?.files !== files || !previous;
        // Settings decoded again are the same data; other files replace it, and can be undone.
        const dataUndo = isNewData ? dataUndoOf(get(), name) : get().dataUndo;
        get().clearRun();
        set({
          imageProgress: null,
          // Pictures replace a table (and its column choices): one dataset at a time.
          dataset: { kind: "pictures", pictures: dataset, source: { files, name } },
          columnSettings: [],
          target: null,
          task: "classification",
          planned: null,
          evaluation: null,
          trainedModel: null,
          trainedModelOrigin: null,
          dataUndo,
          projectName: projectNameForData(get().projectName, name),
        });
        const pretrained = get().pretrained?.backbone;
        const fitsBackbone =
          pretrained !== undefined &&
          pretrained.inputShape[0] === dataset.size &&
          pretrained.inputShape[2] === dataset.channels;
        if (get().pretrainedPendingUse) {
          set({ pretrainedPendingUse: false });
          if (fitsBackbone) {
            // Decoded again at the backbone's input size to use it: the block and a new head.
            get().showModel(transferSpec(pretrained, dataset.classNames.length));
            get().setTrainConfig({ learningRate: TRANSFER_HEAD_LEARNING_RATE });
            set({ specIsDefault: false });
            return;
          }
        }
        if (isNewData || previous.size !== dataset.size || previous.channels !== dataset.channels) {
          const shape = {
            inputShape: [dataset.size, dataset.size, dataset.channels] as [number, number, number],
            classCount: dataset.classNames.length,
          };
          get().showModel(imageCnnSpec(shape));
          // The proposal is the network and how to train it (augmentation, patience).
          set({
            specIsDefault: true,
            augmentation: proposedAugmentation(shape, get().augmentation),
          });
          get().setTrainConfig(proposedTrainConfig(shape, get().trainConfig));
        }
      } catch (error) {
        if (get().imageLoad !== load) return;
        const cancelled =
          error instanceof LoadCancelledError ||
          (error instanceof DOMException && error.name === "AbortError");
        set({
          imageProgress: null,
          imageError: cancelled
            ? null
            : `The images could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
        });
      }
    };

    return {
      ...initialImageState(),
      openPictureInTryIt: (testIndex) =>
        set({
          tryPictureRequest: { testIndex, serial: (get().tryPictureRequest?.serial ?? 0) + 1 },
        }),
      setAugmentation: (patch) =>
        set({ augmentation: clampAugmentation({ ...get().augmentation, ...patch }) }),

      loadImages: (files, name) => decode(files, name, DEFAULT_IMAGE_SETTINGS),

      setImageSettings: (patch) => {
        const source = selectPictureSource(get());
        const dataset = selectPictures(get());
        // Settings start from what the data gave, so changing one keeps the others as they are.
        const base: ImageSettings = dataset
          ? { size: dataset.size, channels: dataset.channels, fit: dataset.fit }
          : get().imageSettings;
        const settings = { ...base, ...patch };
        if (!source && dataset) {
          // A reopened project keeps the pictures as they were decoded, not the files themselves.
          set({
            imageError: `The pictures are kept as decoded at ${dataset.size}×${dataset.size} ${dataset.channels === 1 ? "grayscale" : "colour"} (${dataset.fit}); to decode them again with other settings, drop “${dataset.sourceName}” again.`,
          });
          return;
        }
        set({ imageSettings: settings });
        if (source) void decode(source.files, source.name, settings);
      },

      cancelImageLoad: () => {
        services.images.cancelImages();
        set({ imageLoad: null, imageProgress: null });
      },

      dismissImageError: () => set({ imageError: null }),
    };
  };
