import { exampleShape } from "../core/train/batchSource";
import { predictRows } from "../core/train/predictRows";
import { runTraining } from "../core/train/run";
import type { BackendName } from "../core/backend/backends";
import { fitLinearOutputs } from "../core/eval/linearOutputs";
import type { FoldOutputs, TrainingProgress, TrainRequest } from "../core/train/runMessages";

/**
 * Cross-validation after the main run: the request's spec and config train once per fold on
 * `backend` (the one the main run settled on, so nothing is measured again), each fold's network
 * and linear model answer its held-out rows (tables or pictures; pictures have no linear model).
 * Progress goes out as "fold" messages; a stop ends it
 * after the fold in progress, which is then left out (its network did not finish training).
 */
export async function crossValidate(
  request: TrainRequest,
  backend: BackendName,
  report: (progress: TrainingProgress) => void,
  shouldStop: () => boolean,
  activateBackend: (name: BackendName) => Promise<void>,
): Promise<FoldOutputs[]> {
  const folds = request.folds ?? [];
  const results: FoldOutputs[] = [];
  for (let i = 0; i < folds.length; i++) {
    const fold = folds[i];
    if (!fold || shouldStop()) break;
    const progress = (epoch: number) =>
      report({ type: "fold", runId: request.runId, fold: i + 1, folds: folds.length, epoch });
    progress(0);
    const data = {
      ...request.data,
      train: fold.train,
      validation: fold.validation,
      targetScale: fold.targetScale,
    };
    const result = await runTraining({
      spec: request.spec,
      data,
      config: request.config,
      preference: backend,
      activateBackend,
      callbacks: { shouldStop, onEpoch: (metrics) => progress(metrics.epoch) },
    });
    try {
      if (result.outcome.reason === "stopped") break;
      const network = await predictRows(
        result.model,
        fold.test.x,
        fold.test.rows,
        data.featureCount,
        256,
        exampleShape(data),
      );
      results.push({ network, linear: fitLinearOutputs({ data, test: fold.test }) });
    } finally {
      result.model.dispose();
    }
  }
  return results;
}
