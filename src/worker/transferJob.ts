import { backendCandidates, type BackendName } from "../core/backend/backends";
import { exampleShape } from "../core/train/batchSource";
import { predictRows } from "../core/train/predictRows";
import { storeModelWeights } from "../core/train/state";
import { computeReportParts } from "../core/eval/runReport";
import { FeatureCache } from "../core/transfer/featureCache";
import { trainTransfer } from "../core/transfer/train";
import { fitBackboneLinear, type PictureLinearFit } from "../core/transfer/pictureLinear";
import { batchPoster } from "./batchPosting";
import type { LinearBaselineOutputs } from "../core/eval/linearOutputs";
import type { TrainingDone, TrainingProgress, TrainRequest } from "../core/train/runMessages";
import { countDone, throttle } from "./throttle";

/** Features of the last datasets and backbones this worker saw: a second run skips the backbone. */
const featureCache = new FeatureCache();

/**
 * The backends a transfer run tries, in order: an explicit choice and the slower ones after it, or
 * for Auto the choice measured earlier for this model, else wasm then cpu (feature extraction is one
 * forward pass per picture, where wasm is the safe fast choice on every machine).
 */
function transferBackends(request: TrainRequest): BackendName[] {
  if (request.preference !== "auto") return backendCandidates(request.preference);
  const cached = request.cachedChoice?.backend;
  const fallback: BackendName[] = ["wasm", "cpu"];
  return cached ? [cached, ...fallback.filter((b) => b !== cached)] : fallback;
}

/**
 * A run on a pretrained backbone: the head trains on the backbone's features (computed once per
 * dataset and backbone, then cached), or through the frozen backbone when augmentation is on; then
 * optional fine-tuning. Reports the same progress as any run, plus "features".
 */
export async function runTransferJob(
  request: TrainRequest,
  report: (progress: TrainingProgress) => void,
  shouldStop: () => boolean,
  activateBackend: (name: BackendName) => Promise<void>,
): Promise<TrainingDone> {
  const { runId } = request;
  const pretrained = request.pretrained;
  if (!pretrained) throw new Error("A transfer run needs the backbone's weights.");
  let backend: BackendName | null = null;
  const failures: string[] = [];
  for (const candidate of transferBackends(request)) {
    try {
      await activateBackend(candidate);
      backend = candidate;
      break;
    } catch (error) {
      failures.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (!backend) throw new Error(`No backend could start. ${failures.join(" ")}`);
  report({ type: "backend", runId, backend });
  const result = await trainTransfer({
    spec: request.spec,
    pretrained: pretrained.weights,
    data: request.data,
    config: request.config,
    fineTune: pretrained.fineTune,
    cache: featureCache,
    callbacks: {
      shouldStop,
      onFeatures: throttle<[number, number, boolean]>(
        100,
        countDone,
        (done: number, total: number, cached: boolean) =>
          report({ type: "features", runId, done, total, cached }),
      ),
      onBatch: batchPoster(report, runId),
      onEpoch: (metrics, checkpoint) => report({ type: "epoch", runId, metrics, checkpoint }),
    },
  });
  try {
    const testOutputs = await predictRows(
      result.model,
      request.test.x,
      request.test.rows,
      request.data.featureCount,
      64,
      exampleShape(request.data),
    );
    const outputSize = request.test.rows > 0 ? testOutputs.length / request.test.rows : 0;
    const linear = await backboneLinearOutputs(request);
    return {
      type: "done",
      runId,
      backend,
      outcome: result.outcome,
      testOutputs,
      outputSize,
      weights: await storeModelWeights(result.model),
      linear,
      ...(request.report
        ? { reportParts: computeReportParts(request.report, testOutputs, outputSize, linear) }
        : {}),
    };
  } finally {
    result.model.dispose();
  }
}

/**
 * The report's linear baseline on the frozen backbone's features (the training pictures' come from
 * the cache the head's training filled). Null when it cannot be fitted: the report then has no
 * linear column.
 */
async function backboneLinearOutputs(request: TrainRequest): Promise<LinearBaselineOutputs | null> {
  const { data, test, pretrained } = request;
  if (!pretrained || data.task !== "classification" || data.train.rows === 0 || test.rows === 0)
    return null;
  if (!(test.x instanceof Uint8Array)) return null;
  try {
    const fit = await fitBackboneLinear({
      spec: request.spec,
      pretrained: pretrained.weights,
      data,
      test: { x: test.x, rows: test.rows },
      cache: featureCache,
    });
    return pictureLinearOutputs(fit);
  } catch {
    return null;
  }
}

/** A picture fit as the protocol carries it. */
export function pictureLinearOutputs(fit: PictureLinearFit): LinearBaselineOutputs {
  return {
    outputs: fit.outputs,
    iterations: fit.iterations,
    converged: fit.converged,
    model: fit.fitted,
    picture: { spec: fit.spec, weights: fit.weights, inputs: fit.inputs },
  };
}
