import type { KeyValueStorage } from "../core/backend/choice";
import type { ShareApi } from "../core/share/hostedApi";
import type { OwnerTokenStore } from "../core/share/ownerTokens";
import type { DataService } from "./dataService";
import type { ImageService } from "./imageService";
import type { PredictService } from "./predictService";
import type { ProjectStorage } from "./projectStorage";
import type { TrainingRunner } from "./trainingRunner";

/**
 * Every outside effect the studio's store reaches, handed to `createStudioStore`: the workers and
 * browser storage in the page (wired once in `main.tsx`), in-process and in-memory ones in Node
 * tests (`tests/support/studioServices.ts`).
 */
export interface StudioServices {
  /** The loaded table (the data worker). */
  data: DataService;
  /** Image datasets and try-it pictures (the data worker too, in the page). */
  images: ImageService;
  /** Training runs (the training worker). */
  training: TrainingRunner;
  /** Prediction, bundles and inline links (the predict worker). */
  predict: PredictService;
  /** Projects and their datasets (IndexedDB). */
  projects: ProjectStorage;
  /** The hosted share API (the page's own server). */
  share: ShareApi;
  /** Owner tokens of hosted links this browser made. */
  ownerTokens: OwnerTokenStore;
  /** Measured backend choices kept between visits. */
  backendChoices: KeyValueStorage;
  /** What identifies this device for a measured backend choice (browser, cores, isolation). */
  deviceDescription: () => string;
}
