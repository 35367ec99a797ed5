import type {
  LoadedDataset,
  PlanChoices,
  PlanReply,
  PrepareReply,
} from "../core/data/preparedData";
import { LoadCancelledError, type DataService } from "../services/dataService";
import type { ImageBuildResult } from "../core/data/images/build";
import type { PictureResult } from "../core/data/images/picture";
import type {
  DroppedFile,
  ImageLoadRequest,
  ImageService,
  PictureShape,
} from "../services/imageService";
import type { FromDataWorker, ToDataWorker } from "./protocol";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

type Pending = {
  resolve: (message: FromDataWorker) => void;
  reject: (error: Error) => void;
  onProgress?: (bytesRead: number, totalBytes: number) => void;
};

/** The page's side of the data worker: each request is answered by the reply with its id. */
export class WorkerDataService implements DataService, ImageService {
  private worker: Worker | null = null;
  private pending = new Map<number, Pending>();
  private nextId = 1;

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./data.worker.ts", import.meta.url), {
      type: "module",
      name: "data",
    });
    worker.onmessage = (event: MessageEvent<FromDataWorker>) => {
      const message = event.data;
      const entry = this.pending.get(message.requestId);
      if (!entry) return;
      if (message.type === "progress") {
        entry.onProgress?.(message.bytesRead, message.totalBytes);
        return;
      }
      if (message.type === "image-progress") {
        entry.onProgress?.(message.done, message.total);
        return;
      }
      this.pending.delete(message.requestId);
      if (message.type === "failed") {
        entry.reject(
          message.cancelled ? new LoadCancelledError(message.message) : new Error(message.message),
        );
      } else {
        entry.resolve(message);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const error = new Error(`The data worker crashed: ${event.message || "unknown error"}`);
      for (const entry of this.pending.values()) entry.reject(error);
      this.pending.clear();
      this.worker?.terminate();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private request(
    message: DistributiveOmit<ToDataWorker, "requestId">,
    onProgress?: Pending["onProgress"],
  ): Promise<FromDataWorker> {
    const requestId = this.nextId++;
    return new Promise<FromDataWorker>((resolve, reject) => {
      this.pending.set(requestId, { resolve, reject, onProgress });
      this.ensureWorker().postMessage({ ...message, requestId } satisfies ToDataWorker);
    });
  }

  async load(
    file: Blob,
    fileName: string,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): Promise<LoadedDataset> {
    const named = file instanceof File ? file : new File([file], fileName);
    const reply = await this.request({ type: "load", file: named }, onProgress);
    if (reply.type !== "loaded") throw new Error("The data worker answered out of turn.");
    return reply.loaded;
  }

  async plan(datasetId: string, choices: PlanChoices): Promise<PlanReply> {
    const reply = await this.request({ type: "plan", datasetId, choices });
    if (reply.type !== "planned") throw new Error("The data worker answered out of turn.");
    return reply.reply;
  }

  async prepare(datasetId: string, choices: PlanChoices, folds = 0): Promise<PrepareReply> {
    const reply = await this.request({ type: "prepare", datasetId, choices, folds });
    if (reply.type !== "prepared") throw new Error("The data worker answered out of turn.");
    return reply.reply;
  }

  async loadImages(
    files: DroppedFile[],
    request: ImageLoadRequest,
    onProgress: (done: number, total: number) => void,
  ): Promise<ImageBuildResult> {
    const reply = await this.request({ type: "load-images", files, request }, onProgress);
    if (reply.type !== "images-loaded") throw new Error("The data worker answered out of turn.");
    return reply.reply;
  }

  async decodePicture(file: Blob, name: string, image: PictureShape): Promise<PictureResult> {
    const named = file instanceof File ? file : new File([file], name);
    const reply = await this.request({ type: "decode-picture", file: named, image });
    if (reply.type !== "picture-decoded") throw new Error("The data worker answered out of turn.");
    return reply.reply;
  }

  cancelImages(): void {
    this.worker?.postMessage({ type: "cancel-images", requestId: 0 } satisfies ToDataWorker);
  }
}
