import { messageOf } from "../core/errors";
import * as tf from "@tensorflow/tfjs";
import { ModelIds } from "./modelIds";
import { parseCsv } from "../core/data/csv";
import { transformRecord } from "../core/data/preprocess";
import { interpretOutputs, type Prediction } from "../core/predict/interpret";
import { checkRowsForPrediction, csvWithPredictions } from "../core/predict/rowsCsv";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import { buildTrainedModel } from "../core/project/predict";
import { predictRows } from "../core/train/predictRows";
import { buildBundle } from "../core/export/bundle";
import { readBundle } from "../core/export/readBundle";
import {
  IMPORTANCE_REPEATS,
  IMPORTANCE_SEED,
  permutationImportance,
  type ImportanceRows,
  type PermutationImportance,
} from "../core/eval/importance";
import { inputColumnFeatures } from "../core/eval/inputColumns";
import { inputEffects, type InputEffects } from "../core/eval/inputEffects";
import { decodeInlineModel, encodeInlineModel } from "../core/share/inlineLink";
import type { Saliency } from "../core/eval/occlusion";
import { PicturePredictor } from "./picturePredict";
import type {
  BundleExportReply,
  BundleImportReply,
  CsvPredictReply,
  InlineLinkReply,
  PredictService,
} from "../services/predictService";

/**
 * Prediction with a TrainedModel, off the page: the predict worker runs a LocalPredictService and
 * the page talks to it through the same interface (predictClient.ts). Node tests use it directly.
 */

/** Builds tf.js from TrainedModels and keeps the last one built, keyed by the caller's id. */
export class PredictEngine {
  private cached: { modelId: string; model: TrainedModel; network: tf.LayersModel } | null = null;

  /** The model with `modelId`: `model`, or the one cached under that id. */
  modelFor(modelId: string, model: TrainedModel | undefined): TrainedModel {
    if (model) return model;
    if (this.cached?.modelId === modelId) return this.cached.model;
    throw new Error("The model has not reached the predict worker.");
  }

  /** The model with `modelId`, built from `model` unless it is the one already cached. */
  use(modelId: string, model: TrainedModel | undefined): TrainedModel {
    if (this.cached?.modelId === modelId) return this.cached.model;
    if (!model) throw new Error("The model to predict with has not reached the predict worker.");
    // Checks every weight's name and shape against the spec before it sets them.
    const network = buildTrainedModel(tf, model);
    this.cached?.network.dispose();
    this.cached = { modelId, model, network };
    return model;
  }

  /** The model with `modelId` and its built network (built when it is not the cached one). */
  network(modelId: string, model: TrainedModel | undefined) {
    const trained = this.use(modelId, model);
    const network = this.cached?.network;
    if (!network) throw new Error("No model is loaded.");
    return { trained, network };
  }

  /** Raw outputs for raw records, row-major [records, outputSize]. */
  private async outputs(model: TrainedModel, records: RawRecord[]): Promise<Float32Array> {
    const network = this.cached?.network;
    if (!network) throw new Error("No model is loaded.");
    const featureCount = model.preprocessing.featureNames.length;
    const x = new Float32Array(records.length * featureCount);
    records.forEach((record, row) =>
      x.set(transformRecord(record, model.preprocessing), row * featureCount),
    );
    return predictRows(network, x, records.length, featureCount);
  }

  async predict(
    modelId: string,
    model: TrainedModel | undefined,
    records: RawRecord[],
  ): Promise<Prediction[]> {
    const trained = this.use(modelId, model);
    const outputs = await this.outputs(trained, records);
    return interpretOutputs(
      outputs,
      records.length,
      trained.preprocessing,
      trained.labels,
      trained.decisionThreshold,
    );
  }

  /**
   * Permutation importance (core/eval/importance) of each input column of the model's
   * preprocessing, IMPORTANCE_REPEATS seeded shuffles each; one-hot and date columns move as one.
   */
  async importance(
    modelId: string,
    model: TrainedModel | undefined,
    rows: ImportanceRows,
    onProgress: (done: number, total: number) => void,
  ): Promise<PermutationImportance> {
    const trained = this.use(modelId, model);
    const network = this.cached?.network;
    if (!network) throw new Error("No model is loaded.");
    const featureCount = trained.preprocessing.featureNames.length;
    const label = trained.preprocessing.label;
    return permutationImportance(
      rows.x,
      rows.y,
      rows.rows,
      inputColumnFeatures(trained.preprocessing),
      (x, count) => predictRows(network, x, count, featureCount),
      {
        task: label.kind === "classes" ? "classification" : "regression",
        classCount: label.kind === "classes" ? label.classNames.length : undefined,
        repeats: IMPORTANCE_REPEATS,
        seed: IMPORTANCE_SEED,
        onProgress,
      },
    );
  }

  /** core/eval/inputEffects for one raw record: one batch of 1 + columns rows through the network. */
  async inputEffects(
    modelId: string,
    model: TrainedModel | undefined,
    record: RawRecord,
  ): Promise<InputEffects> {
    const trained = this.use(modelId, model);
    const network = this.cached?.network;
    if (!network) throw new Error("No model is loaded.");
    const featureCount = trained.preprocessing.featureNames.length;
    return inputEffects(
      Float32Array.from(transformRecord(record, trained.preprocessing)),
      trained.preprocessing,
      (x, rows) => predictRows(network, x, rows, featureCount),
    );
  }

  async predictCsv(
    modelId: string,
    model: TrainedModel | undefined,
    file: Blob,
    fileName: string,
  ): Promise<CsvPredictReply> {
    const trained = this.use(modelId, model);
    let table;
    try {
      table = await parseCsv(file, { fileName });
    } catch (error) {
      return { ok: false, problem: error instanceof Error ? error.message : String(error) };
    }
    const check = checkRowsForPrediction(table, trained.preprocessing);
    if (!check.ok) return check;
    const outputs = await this.outputs(trained, check.records);
    const predictions = interpretOutputs(
      outputs,
      check.records.length,
      trained.preprocessing,
      trained.labels,
      trained.decisionThreshold,
    );
    return {
      ok: true,
      csv: csvWithPredictions(table, predictions),
      rows: check.records.length,
      extraColumns: check.extraColumns,
      unknownCategories: check.unknownCategories,
    };
  }
}

/**
 * The bundle of a model. OnnxExportError and BundleError messages say what cannot be written and
 * why, and go to the person as they are.
 */
export async function exportBundleOf(model: TrainedModel): Promise<BundleExportReply> {
  try {
    return { ok: true, bytes: await buildBundle(model, tf) };
  } catch (error) {
    return { ok: false, problem: messageOf(error) };
  }
}

/** The TrainedModel in a bundle's bytes, checked by the bundle reader's schema. */
export async function readBundleFile(file: Blob): Promise<BundleImportReply> {
  try {
    return { ok: true, model: readBundle(new Uint8Array(await file.arrayBuffer())) };
  } catch (error) {
    return { ok: false, problem: messageOf(error) };
  }
}

/** The payload of an inline link for `model`. */
export function encodeInlineLinkOf(model: TrainedModel): InlineLinkReply {
  try {
    return { ok: true, payload: encodeInlineModel(model) };
  } catch (error) {
    return { ok: false, problem: messageOf(error) };
  }
}

/** The model in an inline link's payload, checked as an imported bundle is. */
export function decodeInlineLinkOf(payload: string): BundleImportReply {
  try {
    return { ok: true, model: decodeInlineModel(payload) };
  } catch (error) {
    return { ok: false, problem: messageOf(error) };
  }
}

/** The predict service in this thread (the predict worker's, and Node tests'). */
export class LocalPredictService implements PredictService {
  private engine = new PredictEngine();
  private pictures = new PicturePredictor(this.engine);
  private ids = new ModelIds();

  predict(model: TrainedModel, records: RawRecord[]): Promise<Prediction[]> {
    return this.engine.predict(this.ids.of(model), model, records);
  }

  predictCsv(model: TrainedModel, file: Blob, fileName: string): Promise<CsvPredictReply> {
    return this.engine.predictCsv(this.ids.of(model), model, file, fileName);
  }

  exportBundle(model: TrainedModel): Promise<BundleExportReply> {
    return exportBundleOf(model);
  }

  readBundle(file: Blob): Promise<BundleImportReply> {
    return readBundleFile(file);
  }

  inputEffects(model: TrainedModel, record: RawRecord): Promise<InputEffects> {
    return this.engine.inputEffects(this.ids.of(model), model, record);
  }

  importance(
    model: TrainedModel,
    rows: ImportanceRows,
    onProgress: (done: number, total: number) => void,
  ): Promise<PermutationImportance> {
    return this.engine.importance(this.ids.of(model), model, rows, onProgress);
  }

  predictPicture(model: TrainedModel, pixels: Uint8Array): Promise<Prediction> {
    return this.pictures.predict(this.ids.of(model), model, pixels);
  }

  pictureSaliency(
    model: TrainedModel,
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<Saliency> {
    return this.pictures.saliency(this.ids.of(model), model, pixels, classIndex, onProgress);
  }

  encodeInlineLink(model: TrainedModel): Promise<InlineLinkReply> {
    return Promise.resolve(encodeInlineLinkOf(model));
  }

  decodeInlineLink(payload: string): Promise<BundleImportReply> {
    return Promise.resolve(decodeInlineLinkOf(payload));
  }
}
