import type { BatchProgress } from "../core/train/types";
import type { FromTrainingWorker } from "../core/train/runMessages";

type Post = (message: FromTrainingWorker, transfer: Transferable[]) => void;

/**
 * An `onBatch` callback that gathers batch losses and posts them to the page at most every 100 ms
 * (and always on an epoch's last batch), so a fast loop does not flood the page with messages.
 */
export function batchPoster(post: Post, runId: string): (progress: BatchProgress) => void {
  let pending: number[] = [];
  let lastFlush = 0;
  return (progress) => {
    pending.push(progress.loss);
    const now = performance.now();
    if (now - lastFlush < 100 && progress.batch < progress.batches) return;
    lastFlush = now;
    post({ type: "batches", runId, ...progress, losses: pending }, []);
    pending = [];
  };
}
