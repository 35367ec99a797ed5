import type { ProjectFieldsState } from "../core/project/projectState";
import type { StudioState } from "./index";

/**
 * Where each piece of the store's state goes when work leaves the page (excalidraw's
 * APP_STATE_STORAGE_CONF): "project" is saved in the browser with the project, "link" travels in
 * a share link, "bundle" goes into an exported bundle. An empty list: the key is the page's own
 * (progress, errors, selection) and is rebuilt, not kept. Every data key must be listed, so a new
 * key that nobody classified does not compile.
 */
export type StoragePlace = "project" | "link" | "bundle";

/** A slice's (or the store's) data, without its actions: what its initial state gives. */
export type SliceData<S> = {
  [K in keyof S as S[K] extends (...args: never[]) => unknown ? never : K]: S[K];
};

/** The store's keys that hold data rather than actions. */
export type StudioDataKey = keyof SliceData<StudioState>;

export const STORE_KEY_STORAGE = {
  // The data (a table or pictures): a table's file bytes, or the decoded pictures (with labels,
  // class names, size/colour/fit, paths and the skipped-files report), are stored once by content
  // hash; the worker's summary and the profiles are rebuilt from the bytes, and dropped picture
  // files are not kept (the report's test pictures are cut again by the run's split and seed).
  dataset: ["project"],
  datasetLoad: [],
  parseProgress: [],
  columnSettings: ["project", "link"],
  target: ["project", "link"],
  task: ["project", "link"],
  split: ["project", "link"],
  planned: [],
  proposalPending: [],
  datasetError: [],
  // An undo of the last data replacement lasts as long as the page (its data is in memory).
  dataUndo: [],
  // The model on the canvas.
  spec: ["project", "link", "bundle"],
  layout: ["project", "link"],
  specIsDefault: ["project"],
  selectedNodeId: [],
  past: [],
  future: [],
  lastModelEdit: [],
  templateError: [],
  customModelReplaced: [],
  templateOffer: [],
  // Training: the settings are saved; a run in flight is saved as its checkpoint (projectSlice).
  trainConfig: ["project", "link", "bundle"],
  backendPreference: ["project"],
  run: [],
  // Saved as the project's interrupted run (with what the run started from), to resume it.
  runCheckpoint: ["project"],
  // What the run in flight started from, and its progress not yet drawn: the page's own.
  runContext: [],
  progressBuffer: [],
  // Results: kept as the project's runs (report, curves and model of each).
  evaluation: ["project", "link", "bundle"],
  trainedModel: ["project", "link", "bundle"],
  trainedModelOrigin: [],
  exportState: [],
  importState: [],
  // Sharing: a link is made from the model on demand; the hosted link (with its owner token) is
  // kept with the project, so a reload can still update or take it down.
  shareMode: [],
  inlineShare: [],
  hostedShare: ["project"],
  shareStatus: [],
  sharedView: [],
  // Pictures' settings and state (the pictures themselves are in `dataset`).
  imageLoad: [],
  imageProgress: [],
  imageError: [],
  imageSettings: [],
  augmentation: ["project"],
  imageTestImages: [],
  tryPictureRequest: [],
  // A pretrained backbone is loaded again from its source (its layers and weights travel in the
  // trained model, so bundles and links carry the whole network).
  pretrained: [],
  pretrainedStatus: [],
  pretrainedError: [],
  pretrainedPendingUse: [],
  fineTune: [],
  // Projects themselves.
  projectId: ["project"],
  projectName: ["project", "link"],
  projectRuns: ["project"],
  currentRunId: ["project"],
  interruptedRun: ["project"],
  projectDataset: ["project"],
  projectRevision: ["project"],
  projectCreatedAt: ["project"],
  projectList: [],
  projectAlert: [],
  projectStatus: [],
  projectConflict: [],
  pendingDeletion: [],
  // Importance belongs to one report in this page; not kept yet. (The decision threshold lives in
  // the TrainedModel, so it travels wherever the model does.)
  importance: [],
} as const satisfies Record<StudioDataKey, readonly StoragePlace[]>;

/** The keys whose change makes the open project worth saving again. */
export const PROJECT_KEYS = (Object.keys(STORE_KEY_STORAGE) as StudioDataKey[]).filter((key) =>
  (STORE_KEY_STORAGE[key] as readonly StoragePlace[]).includes("project"),
);

/** The keys classified "project" (saved with it, as they are or in another form). */
type ProjectKey = {
  [K in StudioDataKey]: "project" extends (typeof STORE_KEY_STORAGE)[K][number] ? K : never;
}[StudioDataKey];

/**
 * Each key the project's fields are saved from (core's PROJECT_FIELDS) is classified "project": a
 * field saved from a key classified otherwise does not compile.
 */
export type ProjectFieldsAreProjectKeys = keyof ProjectFieldsState extends ProjectKey
  ? true
  : never;
export const projectFieldsAreProjectKeys: ProjectFieldsAreProjectKeys = true;
