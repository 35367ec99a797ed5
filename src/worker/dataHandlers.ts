import { CsvError } from "../core/data/csv";
import type { DataService } from "../services/dataService";
import type { ImageService } from "../services/imageService";
import { transferablesOf } from "./dataService";
import type { DataProtocol } from "./protocol";
import { withTransfer, type Handlers } from "./rpc";
import { countDone, throttle } from "./throttle";

/** A failed load says which file; a CSV's own errors already do, and a cancel stays a cancel. */
function namedLoadError(error: unknown, fileName: string): unknown {
  if (error instanceof CsvError) return error;
  if (typeof error === "object" && error !== null && "name" in error && error.name === "AbortError")
    return error;
  const text = error instanceof Error ? error.message : String(error);
  return new Error(`“${fileName}” could not be read: ${text}`, { cause: error });
}

/**
 * The data worker's answers, over the services that hold the table and decode pictures. Apart from
 * the worker (data.worker.ts) so that Node tests serve them over a MessageChannel.
 */
export function dataHandlers(service: DataService, images: ImageService): Handlers<DataProtocol> {
  return {
    load: async ({ file, fileName }, { progress }) => {
      const report = throttle(50, countDone, (bytesRead: number, totalBytes: number) =>
        progress({ bytesRead, totalBytes }),
      );
      try {
        return await service.load(file, fileName, report);
      } catch (error) {
        throw namedLoadError(error, fileName);
      }
    },
    plan: ({ datasetId, choices }) => service.plan(datasetId, choices),
    prepare: async ({ datasetId, choices, folds }) => {
      const reply = await service.prepare(datasetId, choices, folds);
      return withTransfer(reply, reply.ok ? transferablesOf(reply.data) : []);
    },
    "load-images": async ({ files, request }, { progress }) => {
      const report = throttle(50, countDone, (done: number, total: number) =>
        progress({ done, total }),
      );
      const reply = await images.loadImages(files, request, report);
      const transfer = reply.ok ? [reply.dataset.pixels.buffer, reply.dataset.labels.buffer] : [];
      return withTransfer(reply, transfer as Transferable[]);
    },
    // Handled the moment it arrives, while the load it cancels is still decoding.
    "cancel-images": () => images.cancelImages(),
    "decode-picture": async ({ file, name, image }) => {
      const reply = await images.decodePicture(file, name, image);
      return withTransfer(reply, reply.ok ? [reply.pixels.buffer as ArrayBuffer] : []);
    },
  };
}
