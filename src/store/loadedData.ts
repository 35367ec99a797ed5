import type { DatasetSummary } from "../core/data/preparedData";
import type { ImageDataset } from "../core/data/images/types";
import type { ColumnProfile } from "../core/data/types";
import type { DroppedFile } from "../services/imageService";
import type { StudioState } from "./index";

/** A loaded table's summary with its id in the data worker (the table itself stays there). */
export interface LoadedDatasetState extends DatasetSummary {
  id: string;
}

/**
 * The data the studio trains on: one kind at a time, so loading one kind replaces the other by
 * setting this one key. A new kind (text) is one more member, with its own selectors below.
 */
export type LoadedData =
  | { kind: "none" }
  | {
      kind: "table";
      table: LoadedDatasetState;
      /** The file as loaded: what a project stores (once, by content hash). */
      file: File;
      profiles: ColumnProfile[];
    }
  | {
      kind: "pictures";
      /** The decoded pictures (bytes [N, H, W, C]) with their labels. */
      pictures: ImageDataset;
      /** The dropped files, kept to decode again when a setting changes (null once reopened). */
      source: { files: DroppedFile[]; name: string } | null;
    };

export const NO_DATA: LoadedData = { kind: "none" };

const NO_PROFILES: ColumnProfile[] = [];

type WithData = Pick<StudioState, "dataset">;

/** The loaded table's summary, or null when no table is loaded. */
export const selectTable = (state: WithData): LoadedDatasetState | null =>
  state.dataset.kind === "table" ? state.dataset.table : null;

/** The file the loaded table came from. */
export const selectTableFile = (state: WithData): File | null =>
  state.dataset.kind === "table" ? state.dataset.file : null;

/** The loaded table's column profiles (the same empty list when there is no table). */
export const selectProfiles = (state: WithData): ColumnProfile[] =>
  state.dataset.kind === "table" ? state.dataset.profiles : NO_PROFILES;

/** The loaded pictures, or null when no pictures are loaded. */
export const selectPictures = (state: WithData): ImageDataset | null =>
  state.dataset.kind === "pictures" ? state.dataset.pictures : null;

/** The dropped files the loaded pictures were decoded from (null: none, or a reopened project). */
export const selectPictureSource = (state: WithData) =>
  state.dataset.kind === "pictures" ? state.dataset.source : null;

/** The name of the loaded data (a table's file, or the pictures' zip or folder), if any. */
export function loadedDataName(state: WithData): string | null {
  return selectTable(state)?.fileName ?? selectPictures(state)?.sourceName ?? null;
}
