import type { Prediction } from "../core/predict/interpret";
import type { RawRecord, TrainedModel } from "../core/project/trainedModel";
import { ModelIds } from "./modelIds";
import type {
  BundleExportReply,
  BundleImportReply,
  CsvPredictReply,
  InlineLinkReply,
  PredictService,
} from "../services/predictService";
import type { ImportanceRows, PermutationImportance } from "../core/eval/importance";
import type { InputEffects } from "../core/eval/inputEffects";
import type { Saliency } from "../core/eval/occlusion";
import type { ModelRef, PredictProtocol } from "./protocol";
import { WorkerConnection, type WorkerLike } from "./rpc";

const startPredictWorker = () =>
  new Worker(new URL("./predict.worker.ts", import.meta.url), { type: "module", name: "predict" });

/** The page's side of the predict worker (started on the first call; see rpc.ts). */
export class WorkerPredictService implements PredictService {
  private ids = new ModelIds();
  /** The model the worker holds; others travel with the request. */
  private workerModelId: string | null = null;
  private readonly connection: WorkerConnection<PredictProtocol>;

  /** `start`: the worker (a Node test passes a MessagePort served by predictHandlers). */
  constructor(start: () => WorkerLike = startPredictWorker) {
    this.connection = new WorkerConnection<PredictProtocol>("predict", start, {
      // A new worker holds no model.
      onCrash: () => (this.workerModelId = null),
      onCallFailed: (error) => {
        // The worker may not have kept the model (one that failed to build): send it again.
        this.workerModelId = null;
        return error;
      },
    });
  }

  /** The model's id, and the model itself when the worker does not hold it yet. */
  private modelRef(model: TrainedModel): ModelRef {
    const modelId = this.ids.of(model);
    const known = this.workerModelId === modelId;
    this.workerModelId = modelId;
    return known ? { modelId } : { modelId, model };
  }

  predict(model: TrainedModel, records: RawRecord[]): Promise<Prediction[]> {
    return this.connection.call("predict", { ...this.modelRef(model), records });
  }

  predictCsv(model: TrainedModel, file: Blob, fileName: string): Promise<CsvPredictReply> {
    return this.connection.call("predict-csv", { ...this.modelRef(model), file, fileName });
  }

  exportBundle(model: TrainedModel): Promise<BundleExportReply> {
    return this.connection.call("export", this.modelRef(model));
  }

  inputEffects(model: TrainedModel, record: RawRecord): Promise<InputEffects> {
    return this.connection.call("effects", { ...this.modelRef(model), record });
  }

  importance(
    model: TrainedModel,
    rows: ImportanceRows,
    onProgress: (done: number, total: number) => void,
  ): Promise<PermutationImportance> {
    // Copies: the caller keeps its rows for the next request.
    const copies = { x: rows.x.slice(), y: rows.y.slice(), rows: rows.rows };
    return this.connection.call(
      "importance",
      { ...this.modelRef(model), ...copies },
      {
        transfer: [copies.x.buffer, copies.y.buffer],
        onProgress: ({ done, total }) => onProgress(done, total),
      },
    );
  }

  predictPicture(model: TrainedModel, pixels: Uint8Array): Promise<Prediction> {
    const copy = pixels.slice();
    return this.connection.call(
      "predict-picture",
      { ...this.modelRef(model), pixels: copy },
      { transfer: [copy.buffer] },
    );
  }

  pictureSaliency(
    model: TrainedModel,
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<Saliency> {
    const copy = pixels.slice();
    return this.connection.call(
      "saliency",
      { ...this.modelRef(model), pixels: copy, classIndex },
      { transfer: [copy.buffer], onProgress: ({ done, total }) => onProgress(done, total) },
    );
  }

  encodeInlineLink(model: TrainedModel): Promise<InlineLinkReply> {
    return this.connection.call("encode-link", this.modelRef(model));
  }

  decodeInlineLink(payload: string): Promise<BundleImportReply> {
    return this.connection.call("decode-link", { payload });
  }

  readBundle(file: Blob): Promise<BundleImportReply> {
    return this.connection.call("read-bundle", { file });
  }
}
