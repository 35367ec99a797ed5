import { exampleShape } from "../core/train/batchSource";
import type { BackendName } from "../core/backend/backends";
import type { AdapterDescription } from "../core/backend/choice";
import { predictRows } from "../core/train/predictRows";
import { storeModelWeights } from "../core/train/state";
import { runTraining } from "../core/train/run";
import type { WasmThreadControl } from "../core/train/measure";
import { fitLinearOutputs, type LinearBaselineOutputs } from "../core/eval/linearOutputs";
import { pictureLinearOutputs, runTransferJob } from "./transferJob";
import { fitPixelLinear } from "../core/transfer/pictureLinear";
import { computeReportParts } from "../core/eval/runReport";
import { crossValidate } from "./foldJob";
import { batchPoster } from "./batchPosting";
import type { TrainingDone, TrainingProgress, TrainRequest } from "../core/train/runMessages";

/** Buffers a "done" message hands over without copying: test outputs and every weight. */
export function transferablesOfDone(message: TrainingDone): ArrayBuffer[] {
  const linear = message.linear
    ? [message.linear.outputs, ...(message.linear.picture?.weights.map((w) => w.values) ?? [])]
    : [];
  const folds = (message.folds ?? []).flatMap((fold) => [
    fold.network,
    ...(fold.linear ? [fold.linear.outputs] : []),
  ]);
  return [message.testOutputs, ...message.weights.map((w) => w.values), ...linear, ...folds].map(
    (array) => array.buffer as ArrayBuffer,
  );
}

/**
 * One training run as the training worker does it: train, predict the test rows with the weights
 * it ends with, copy those weights out (so the model outlives the worker as data) and answer with
 * "done" (its buffers: transferablesOfDone). Progress goes to `report` on the way. The worker runs
 * it, and so do Node tests (LocalTrainingRunner), so both take the same path.
 */
export async function runTrainingJob(
  request: TrainRequest,
  report: (progress: TrainingProgress) => void,
  shouldStop: () => boolean,
  activateBackend: (name: BackendName) => Promise<void>,
  describeAdapter?: (name: BackendName) => Promise<AdapterDescription | null>,
  wasmThreads?: WasmThreadControl,
): Promise<TrainingDone> {
  const { runId } = request;
  if (request.pretrained) return runTransferJob(request, report, shouldStop, activateBackend);
  const result = await runTraining({
    spec: request.spec,
    data: request.data,
    config: request.config,
    preference: request.preference,
    activateBackend,
    resumeFrom: request.resumeFrom ?? null,
    describeAdapter,
    cachedChoice: request.cachedChoice ?? null,
    wasmThreads,
    callbacks: {
      shouldStop,
      onBackend: (backend) => report({ type: "backend", runId, backend }),
      onBackendNote: (note) => report({ type: "backend-note", runId, note }),
      onChoice: (choice, cached) => report({ type: "backend-choice", runId, choice, cached }),
      onWasmThreads: (threads, measured) =>
        report({ type: "wasm-threads", runId, threads, measured }),
      onBatch: batchPoster(report, runId),
      // Copied, not transferred: the run keeps the checkpoint to fall back on another backend.
      onEpoch: (metrics, checkpoint) => report({ type: "epoch", runId, metrics, checkpoint }),
    },
  });
  let done: TrainingDone;
  try {
    const testOutputs = await predictRows(
      result.model,
      request.test.x,
      request.test.rows,
      request.data.featureCount,
      256,
      exampleShape(request.data),
    );
    const weights = await storeModelWeights(result.model);
    const outputSize = request.test.rows > 0 ? testOutputs.length / request.test.rows : 0;
    const linear =
      "x" in request.data.train ? fitLinearOutputs(request) : pixelLinearOutputs(request);
    const reportParts = request.report
      ? computeReportParts(request.report, testOutputs, outputSize, linear)
      : undefined;
    done = {
      type: "done",
      runId,
      backend: result.backend,
      outcome: result.outcome,
      testOutputs,
      outputSize,
      weights,
      linear,
      ...(reportParts ? { reportParts } : {}),
    };
  } finally {
    result.model.dispose();
  }
  // Cross-validation only follows a main run that was not stopped.
  if (request.folds && request.folds.length > 0 && result.outcome.reason !== "stopped") {
    done.folds = await crossValidate(request, result.backend, report, shouldStop, activateBackend);
  }
  return done;
}

/**
 * A picture run's linear baseline (no backbone): logistic regression on the pictures averaged
 * down (core/transfer/pictureLinear). Main runs only; null when it cannot be fitted.
 */
export function pixelLinearOutputs(
  request: Pick<TrainRequest, "data" | "test">,
): LinearBaselineOutputs | null {
  const { data, test } = request;
  if (data.task !== "classification" || data.train.rows === 0 || test.rows === 0) return null;
  if (!(test.x instanceof Uint8Array)) return null;
  try {
    return pictureLinearOutputs(fitPixelLinear(data, { x: test.x, rows: test.rows }));
  } catch {
    return null;
  }
}
