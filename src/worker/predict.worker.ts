/// <reference lib="webworker" />
import "../core/zodConfig";
import * as tf from "@tensorflow/tfjs";
import {
  decodeInlineLinkOf,
  encodeInlineLinkOf,
  exportBundleOf,
  PredictEngine,
  readBundleFile,
} from "./predictService";
import { PicturePredictor } from "./picturePredict";
import type { FromPredictWorker, ToPredictWorker } from "./protocol";

/*
 * Predictions run on tf.js's plain cpu backend: one row (or a CSV of rows) through a small
 * network takes milliseconds there, it starts at once (no WebAssembly to fetch, no GPU context to
 * share with a training run), and it computes the same floats on every machine, so a prediction
 * before export and after import is exactly the same.
 */
const ready = tf.setBackend("cpu").then(() => tf.ready());
const engine = new PredictEngine();
const pictures = new PicturePredictor(engine);
const post = (message: FromPredictWorker, transfer: Transferable[] = []) =>
  self.postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<ToPredictWorker>) => {
  const request = event.data;
  const { requestId } = request;
  try {
    await ready;
    switch (request.type) {
      case "predict":
        post({
          type: "predicted",
          requestId,
          predictions: await engine.predict(request.modelId, request.model, request.records),
        });
        break;
      case "predict-csv":
        post({
          type: "predicted-csv",
          requestId,
          reply: await engine.predictCsv(
            request.modelId,
            request.model,
            request.file,
            request.file.name,
          ),
        });
        break;
      case "export": {
        const reply = await exportBundleOf(engine.modelFor(request.modelId, request.model));
        post({ type: "exported", requestId, reply }, reply.ok ? [reply.bytes.buffer] : []);
        break;
      }
      case "effects":
        post({
          type: "effects-done",
          requestId,
          effects: await engine.inputEffects(request.modelId, request.model, request.record),
        });
        break;
      case "importance": {
        let last = 0;
        const result = await engine.importance(
          request.modelId,
          request.model,
          { x: request.x, y: request.y, rows: request.rows },
          (done, total) => {
            const now = performance.now();
            if (now - last < 100 && done < total) return;
            last = now;
            post({ type: "importance-progress", requestId, done, total });
          },
        );
        post({ type: "importance", requestId, result });
        break;
      }
      case "predict-picture":
        post({
          type: "picture-predicted",
          requestId,
          prediction: await pictures.predict(request.modelId, request.model, request.pixels),
        });
        break;
      case "saliency": {
        let last = 0;
        const saliency = await pictures.saliency(
          request.modelId,
          request.model,
          request.pixels,
          request.classIndex,
          (done, total) => {
            const now = performance.now();
            if (now - last < 100 && done < total) return;
            last = now;
            post({ type: "saliency-progress", requestId, done, total });
          },
        );
        post({ type: "saliency-done", requestId, saliency }, [saliency.heat.buffer]);
        break;
      }
      case "read-bundle":
        post({ type: "bundle-read", requestId, reply: await readBundleFile(request.file) });
        break;
      case "encode-link":
        post({
          type: "link-encoded",
          requestId,
          reply: encodeInlineLinkOf(engine.modelFor(request.modelId, request.model)),
        });
        break;
      case "decode-link":
        post({ type: "link-decoded", requestId, reply: decodeInlineLinkOf(request.payload) });
        break;
    }
  } catch (error) {
    post({
      type: "failed",
      requestId,
      message: error instanceof Error ? error.message : String(error),
    });
  }
};
