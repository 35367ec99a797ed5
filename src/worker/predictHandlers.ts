import { PicturePredictor } from "./picturePredict";
import {
  decodeInlineLinkOf,
  encodeInlineLinkOf,
  exportBundleOf,
  PredictEngine,
  readBundleFile,
} from "./predictService";
import type { PredictProtocol } from "./protocol";
import { withTransfer, type Handlers } from "./rpc";
import { countDone, throttle } from "./throttle";

/**
 * The predict worker's answers, over one engine that keeps the last model it built (requests name
 * it by id and carry it only when the engine lacks it). Apart from the worker (predict.worker.ts)
 * so that Node tests serve them over a MessageChannel.
 */
export function predictHandlers(engine = new PredictEngine()): Handlers<PredictProtocol> {
  const pictures = new PicturePredictor(engine);
  const counted = (progress: (count: { done: number; total: number }) => void) =>
    throttle(100, countDone, (done: number, total: number) => progress({ done, total }));
  return {
    predict: ({ modelId, model, records }) => engine.predict(modelId, model, records),
    "predict-csv": ({ modelId, model, file, fileName }) =>
      engine.predictCsv(modelId, model, file, fileName),
    export: async ({ modelId, model }) => {
      const reply = await exportBundleOf(engine.modelFor(modelId, model));
      return withTransfer(reply, reply.ok ? [reply.bytes.buffer as ArrayBuffer] : []);
    },
    effects: ({ modelId, model, record }) => engine.inputEffects(modelId, model, record),
    importance: ({ modelId, model, x, y, rows }, { progress }) =>
      engine.importance(modelId, model, { x, y, rows }, counted(progress)),
    "predict-picture": ({ modelId, model, pixels }) => pictures.predict(modelId, model, pixels),
    saliency: async ({ modelId, model, pixels, classIndex }, { progress }) => {
      const saliency = await pictures.saliency(
        modelId,
        model,
        pixels,
        classIndex,
        counted(progress),
      );
      return withTransfer(saliency, [saliency.heat.buffer as ArrayBuffer]);
    },
    "read-bundle": ({ file }) => readBundleFile(file),
    "encode-link": ({ modelId, model }) => encodeInlineLinkOf(engine.modelFor(modelId, model)),
    "decode-link": ({ payload }) => decodeInlineLinkOf(payload),
  };
}
