import type {
  LoadedDataset,
  PlanChoices,
  PlanReply,
  PrepareReply,
} from "../core/data/preparedData";

/**
 * The loaded table lives in one place, off the page: the data worker (`worker/dataClient.ts`) in
 * the page, `LocalDataService` in Node tests. The page only ever holds summaries.
 */
export interface DataService {
  /** Parses and profiles a file; the dataset loaded before stays when this fails. */
  load(
    file: Blob,
    fileName: string,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): Promise<LoadedDataset>;
  plan(datasetId: string, choices: PlanChoices): Promise<PlanReply>;
  /** The split's arrays; with `folds` ≥ 2, also that many cross-validation folds. */
  prepare(datasetId: string, choices: PlanChoices, folds?: number): Promise<PrepareReply>;
}

/** Thrown when a newer load replaced this one; the store ignores it. */
export class LoadCancelledError extends Error {
  override readonly name = "LoadCancelledError";
}
