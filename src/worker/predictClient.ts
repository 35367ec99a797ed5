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
import type { FromPredictWorker, ToPredictWorker } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** The page's side of the predict worker: each request is answered by the reply with its id. */
export class WorkerPredictService implements PredictService {
  private worker: Worker | null = null;
  private pending = new Map<
    number,
    {
      resolve: (m: FromPredictWorker) => void;
      reject: (e: Error) => void;
      onProgress?: (done: number, total: number) => void;
    }
  >();
  private nextId = 1;
  private ids = new ModelIds();
  /** The model the worker holds; others travel with the request. */
  private workerModelId: string | null = null;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./predict.worker.ts", import.meta.url), {
      type: "module",
      name: "predict",
    });
    worker.onmessage = (event: MessageEvent<FromPredictWorker>) => {
      const message = event.data;
      const entry = this.pending.get(message.requestId);
      if (!entry) return;
      if (message.type === "importance-progress" || message.type === "saliency-progress") {
        entry.onProgress?.(message.done, message.total);
        return;
      }
      this.pending.delete(message.requestId);
      if (message.type === "failed") {
        // The worker may not have kept the model (one that failed to build): send it again.
        this.workerModelId = null;
        entry.reject(new Error(message.message));
      } else entry.resolve(message);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`The predict worker crashed: ${event.message || "unknown error"}`);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
      this.workerModelId = null;
    };
    this.worker = worker;
    return worker;
  }

  private request(
    message: DistributiveOmit<ToPredictWorker, "requestId">,
    onProgress?: (done: number, total: number) => void,
  ) {
    const requestId = this.nextId++;
    return new Promise<FromPredictWorker>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress });
      this.ensureWorker().postMessage({ ...message, requestId } satisfies ToPredictWorker);
    });
  }

  /** The model's id, and the model itself when the worker does not hold it yet. */
  private modelFields(model: TrainedModel) {
    const modelId = this.ids.of(model);
    const known = this.workerModelId === modelId;
    this.workerModelId = modelId;
    return known ? { modelId } : { modelId, model };
  }

  async predict(model: TrainedModel, records: RawRecord[]): Promise<Prediction[]> {
    const reply = await this.request({ type: "predict", ...this.modelFields(model), records });
    if (reply.type !== "predicted") throw new Error("The predict worker answered out of turn.");
    return reply.predictions;
  }

  async predictCsv(model: TrainedModel, file: Blob, fileName: string): Promise<CsvPredictReply> {
    const named = file instanceof File ? file : new File([file], fileName);
    const reply = await this.request({
      type: "predict-csv",
      ...this.modelFields(model),
      file: named,
    });
    if (reply.type !== "predicted-csv") throw new Error("The predict worker answered out of turn.");
    return reply.reply;
  }

  async exportBundle(model: TrainedModel): Promise<BundleExportReply> {
    const reply = await this.request({ type: "export", ...this.modelFields(model) });
    if (reply.type !== "exported") throw new Error("The predict worker answered out of turn.");
    return reply.reply;
  }

  async inputEffects(model: TrainedModel, record: RawRecord): Promise<InputEffects> {
    const reply = await this.request({ type: "effects", ...this.modelFields(model), record });
    if (reply.type !== "effects-done") throw new Error("The predict worker answered out of turn.");
    return reply.effects;
  }

  async importance(
    model: TrainedModel,
    rows: ImportanceRows,
    onProgress: (done: number, total: number) => void,
  ): Promise<PermutationImportance> {
    // Copies: the caller keeps its rows for the next request.
    const reply = await this.request(
      {
        type: "importance",
        ...this.modelFields(model),
        x: rows.x.slice(),
        y: rows.y.slice(),
        rows: rows.rows,
      },
      onProgress,
    );
    if (reply.type !== "importance") throw new Error("The predict worker answered out of turn.");
    return reply.result;
  }

  async predictPicture(model: TrainedModel, pixels: Uint8Array): Promise<Prediction> {
    const reply = await this.request({
      type: "predict-picture",
      ...this.modelFields(model),
      pixels: pixels.slice(),
    });
    if (reply.type !== "picture-predicted")
      throw new Error("The predict worker answered out of turn.");
    return reply.prediction;
  }

  async pictureSaliency(
    model: TrainedModel,
    pixels: Uint8Array,
    classIndex: number,
    onProgress: (done: number, total: number) => void,
  ): Promise<Saliency> {
    const reply = await this.request(
      { type: "saliency", ...this.modelFields(model), pixels: pixels.slice(), classIndex },
      onProgress,
    );
    if (reply.type !== "saliency-done") throw new Error("The predict worker answered out of turn.");
    return reply.saliency;
  }

  async encodeInlineLink(model: TrainedModel): Promise<InlineLinkReply> {
    const reply = await this.request({ type: "encode-link", ...this.modelFields(model) });
    if (reply.type !== "link-encoded") throw new Error("The predict worker answered out of turn.");
    return reply.reply;
  }

  async decodeInlineLink(payload: string): Promise<BundleImportReply> {
    const reply = await this.request({ type: "decode-link", payload });
    if (reply.type !== "link-decoded") throw new Error("The predict worker answered out of turn.");
    return reply.reply;
  }

  async readBundle(file: Blob): Promise<BundleImportReply> {
    const named = file instanceof File ? file : new File([file], "bundle.zip");
    const reply = await this.request({ type: "read-bundle", file: named });
    if (reply.type !== "bundle-read") throw new Error("The predict worker answered out of turn.");
    return reply.reply;
  }
}
