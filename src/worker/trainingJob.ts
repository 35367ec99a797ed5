import { exampleShape } from "../core/train/batchSource";
import type { BackendName } from "../core/backend/backends";
import type { AdapterDescription } from "../core/backend/choice";
import { predictRows } from "../core/train/predictRows";
import { storeModelWeights } from "../core/train/state";
import { runTraining } from "../core/train/run";
import type { WasmThreadControl } from "../core/train/measure";
import {
  fitLinearBaseline,
  logisticIterationCap,
  predictLinearBaseline,
} from "../core/eval/linearBaseline";
import { pictureLinearOutputs, runTransferJob } from "./transferJob";
import { fitPixelLinear } from "../core/transfer/pictureLinear";
import { computeReportParts } from "../core/eval/runReport";
import { crossValidate } from "./foldJob";
import { batchPoster } from "./batchPosting";
import type {
  FromTrainingWorker,
  LinearBaselineOutputs,
  TrainRequest,
} from "../core/train/runMessages";

type Post = (message: FromTrainingWorker, transfer: Transferable[]) => void;

/** Buffers a "done" message hands over without copying: test outputs and every weight. */
export function transferablesOfDone(
  message: Extract<FromTrainingWorker, { type: "done" }>,
): ArrayBuffer[] {
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
 * it ends with, copy those weights out (so the model outlives the worker as data) and post "done".
 * The worker runs it, and so do Node tests (LocalTrainingRunner), so both take the same path.
 */
export async function runTrainingJob(
  request: TrainRequest,
  post: Post,
  shouldStop: () => boolean,
  activateBackend: (name: BackendName) => Promise<void>,
  describeAdapter?: (name: BackendName) => Promise<AdapterDescription | null>,
  wasmThreads?: WasmThreadControl,
): Promise<void> {
  const { runId } = request;
  if (request.pretrained) {
    await runTransferJob(request, post, shouldStop, activateBackend, transferablesOfDone);
    return;
  }
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
      onBackend: (backend) => post({ type: "backend", runId, backend }, []),
      onBackendNote: (note) => post({ type: "backend-note", runId, note }, []),
      onChoice: (choice, cached) => post({ type: "backend-choice", runId, choice, cached }, []),
      onWasmThreads: (threads, measured) =>
        post({ type: "wasm-threads", runId, threads, measured }, []),
      onBatch: batchPoster(post, runId),
      // Copied, not transferred: the run keeps the checkpoint to fall back on another backend.
      onEpoch: (metrics, checkpoint) => post({ type: "epoch", runId, metrics, checkpoint }, []),
    },
  });
  let done: Extract<FromTrainingWorker, { type: "done" }>;
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
    done.folds = await crossValidate(request, result.backend, post, shouldStop, activateBackend);
  }
  post(done, transferablesOfDone(done));
}

/**
 * The report's linear baseline, fitted here (off the page) on the same preprocessed training rows
 * as the network, with its logistic iterations capped by logisticIterationCap. Null when it could
 * not be fitted (the report then simply has no linear row).
 */
export function fitLinearOutputs(
  request: Pick<TrainRequest, "data" | "test">,
): LinearBaselineOutputs | null {
  const { data, test } = request;
  // Pictures train from a batch source: no feature matrix (see pixelLinearOutputs).
  if (!("x" in data.train) || data.train.rows === 0 || test.rows === 0) return null;
  try {
    const maxIterations = logisticIterationCap(data.train.rows, data.featureCount, data.classCount);
    const model = fitLinearBaseline(data.train, data.task, data.classCount, { maxIterations });
    return {
      outputs: predictLinearBaseline(model, test.x, test.rows),
      iterations: model.kind === "logistic" ? model.iterations : 0,
      converged: model.kind === "logistic" ? model.converged : true,
      model,
    };
  } catch {
    return null;
  }
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
