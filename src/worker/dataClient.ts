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
import type { DataProtocol } from "./protocol";
import { CallCancelledError, WorkerConnection, type WorkerLike } from "./rpc";

const startDataWorker = () =>
  new Worker(new URL("./data.worker.ts", import.meta.url), { type: "module", name: "data" });

/** The page's side of the data worker (started on the first call; see rpc.ts). */
export class WorkerDataService implements DataService, ImageService {
  private readonly connection: WorkerConnection<DataProtocol>;

  /** `start`: the worker (a Node test passes a MessagePort served by dataHandlers). */
  constructor(start: () => WorkerLike = startDataWorker) {
    this.connection = new WorkerConnection<DataProtocol>("data", start, {
      onCallFailed: (error) =>
        error instanceof CallCancelledError ? new LoadCancelledError(error.message) : error,
    });
  }

  load(
    file: Blob,
    fileName: string,
    onProgress: (bytesRead: number, totalBytes: number) => void,
  ): Promise<LoadedDataset> {
    return this.connection.call(
      "load",
      { file, fileName },
      { onProgress: ({ bytesRead, totalBytes }) => onProgress(bytesRead, totalBytes) },
    );
  }

  plan(datasetId: string, choices: PlanChoices): Promise<PlanReply> {
    return this.connection.call("plan", { datasetId, choices });
  }

  prepare(datasetId: string, choices: PlanChoices, folds = 0): Promise<PrepareReply> {
    return this.connection.call("prepare", { datasetId, choices, folds });
  }

  loadImages(
    files: DroppedFile[],
    request: ImageLoadRequest,
    onProgress: (done: number, total: number) => void,
  ): Promise<ImageBuildResult> {
    return this.connection.call(
      "load-images",
      { files, request },
      { onProgress: ({ done, total }) => onProgress(done, total) },
    );
  }

  decodePicture(file: Blob, name: string, image: PictureShape): Promise<PictureResult> {
    return this.connection.call("decode-picture", { file, name, image });
  }

  cancelImages(): void {
    this.connection.notify("cancel-images", undefined);
  }
}
