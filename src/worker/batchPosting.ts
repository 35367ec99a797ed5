import type { BatchProgress } from "../core/train/types";
import type { BatchUpdate } from "../core/train/runMessages";
import { throttle } from "./throttle";

/**
 * An `onBatch` callback that gathers batch losses and reports them at most every 100 ms (and
 * always on an epoch's last batch), so a fast loop does not flood the page with messages.
 */
export function batchPoster(
  report: (update: BatchUpdate) => void,
  runId: string,
): (progress: BatchProgress) => void {
  let pending: number[] = [];
  const flush = throttle(
    100,
    (progress: BatchProgress) => progress.batch >= progress.batches,
    (progress) => {
      report({ type: "batches", runId, ...progress, losses: pending });
      pending = [];
    },
  );
  return (progress) => {
    pending.push(progress.loss);
    flush(progress);
  };
}
