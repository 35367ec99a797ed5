import type { ImportanceRows, PermutationImportance } from "../core/eval/importance";
import type { InputEffects } from "../core/eval/inputEffects";
import type { Saliency } from "../core/eval/occlusion";
import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";

/**
 * Prediction with a TrainedModel, off the page: the predict worker (`worker/predictClient.ts`) in
 * the page, `LocalPredictService` in Node tests.
 */

export type CsvPredictReply =
  | {
      ok: true;
      /** The file with `predicted` (and `p_<class>`) columns appended. */
      csv: string;
      rows: number;
      /** Columns of the file the model does not read. */
      extraColumns: string[];
      unknownCategories: Array<{ column: string; rows: number }>;
    }
  | { ok: false; problem: string };

export type BundleExportReply = { ok: true; bytes: Uint8Array } | { ok: false; problem: string };
export type BundleImportReply = { ok: true; model: TrainedModel } | { ok: false; problem: string };
/** An inline link's payload (what follows `#m=`). */
export type InlineLinkReply = { ok: true; payload: string } | { ok: false; problem: string };

export interface PredictService {
  /** One Prediction per record; the records hold raw cells as a table would. */
  predict(model: TrainedModel, records: RawRecord[]): Promise<Prediction[]>;
  /** Parses a CSV of new rows, checks it against the model's columns, appends the predictions. */
  predictCsv(model: TrainedModel, file: Blob, fileName: string): Promise<CsvPredictReply>;
  /** The model's bundle (.zip bytes), or why it cannot be written (an unmappable layer). */
  exportBundle(model: TrainedModel): Promise<BundleExportReply>;
  /** The TrainedModel in a bundle, or what is wrong with the file. */
  readBundle(file: Blob): Promise<BundleImportReply>;
  /** How much each input moved the prediction of one record (each put at a typical value). */
  inputEffects(model: TrainedModel, record: RawRecord): Promise<InputEffects>;
  /** Permutation importance of every input column on the given (test) rows, with progress. */
  importance(
    model: TrainedModel,
    rows: ImportanceRows,
    onProgress: (done: number, total: number) => void,
  ): Promise<PermutationImportance>;
  /** Image models: the answer for one picture, bytes [size, size, channels] as the data worker made them. */
  predictPicture(model: TrainedModel, pixels: Uint8Array): Promise<Prediction>;
  /** Image models: the occlusion map of one picture for the class at `classIndex`, with progress. */
  pictureSaliency(
    model: TrainedModel,
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<Saliency>;
  /** The model packed for an inline link (compressing is the slow part, so it runs here). */
  encodeInlineLink(model: TrainedModel): Promise<InlineLinkReply>;
  /** The TrainedModel an inline link carries, or what is wrong with the link. */
  decodeInlineLink(payload: string): Promise<BundleImportReply>;
}
