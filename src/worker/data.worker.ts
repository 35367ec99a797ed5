/// <reference lib="webworker" />
import "../core/zodConfig";
import { CsvError } from "../core/data/csv";
import { canvasDecoder } from "./canvasDecoder";
import { LocalDataService, transferablesOf } from "./dataService";
import { LocalImageService } from "./imageService";
import type { FromDataWorker, ToDataWorker } from "./protocol";

const service = new LocalDataService();
const images = new LocalImageService(canvasDecoder);
const post = (message: FromDataWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

function messageOf(error: unknown, fileName?: string): string {
  if (error instanceof CsvError) return error.message;
  const text = error instanceof Error ? error.message : String(error);
  return fileName ? `“${fileName}” could not be read: ${text}` : text;
}

self.onmessage = async (event: MessageEvent<ToDataWorker>) => {
  const request = event.data;
  const { requestId } = request;
  // Answered at once: a cancel must get through while a load is decoding.
  if (request.type === "cancel-images") {
    images.cancelImages();
    return;
  }
  try {
    switch (request.type) {
      case "load": {
        let last = 0;
        const loaded = await service.load(
          request.file,
          request.file.name,
          (bytesRead, totalBytes) => {
            const now = performance.now();
            if (now - last < 50 && bytesRead < totalBytes) return;
            last = now;
            post({ type: "progress", requestId, bytesRead, totalBytes });
          },
        );
        post({ type: "loaded", requestId, loaded });
        break;
      }
      case "plan":
        post({
          type: "planned",
          requestId,
          reply: await service.plan(request.datasetId, request.choices),
        });
        break;
      case "prepare": {
        const reply = await service.prepare(request.datasetId, request.choices, request.folds);
        post({ type: "prepared", requestId, reply }, reply.ok ? transferablesOf(reply.data) : []);
        break;
      }
      case "load-images": {
        let last = 0;
        const reply = await images.loadImages(request.files, request.request, (done, total) => {
          const now = performance.now();
          if (now - last < 50 && done < total) return;
          last = now;
          post({ type: "image-progress", requestId, done, total });
        });
        const transfer = reply.ok ? [reply.dataset.pixels.buffer, reply.dataset.labels.buffer] : [];
        post({ type: "images-loaded", requestId, reply }, transfer as Transferable[]);
        break;
      }
      case "decode-picture": {
        const reply = await images.decodePicture(request.file, request.file.name, request.image);
        post({ type: "picture-decoded", requestId, reply }, reply.ok ? [reply.pixels.buffer] : []);
        break;
      }
    }
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") {
      post({ type: "failed", requestId, message: "cancelled", cancelled: true });
      return;
    }
    post({
      type: "failed",
      requestId,
      message: messageOf(error, request.type === "load" ? request.file.name : undefined),
      cancelled: false,
    });
  }
};
