import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../core/backend/backends";
import type { FromTrainingWorker, TrainRequest } from "../core/train/runMessages";
import type { TrainingRunner } from "../services/trainingRunner";
import { runTrainingJob } from "./trainingJob";

/**
 * Runs training in this thread through the same job the training worker runs, for Node tests of
 * the store (start → batches → done) where there is no Worker. Use the cpu backend there.
 */
export class LocalTrainingRunner implements TrainingRunner {
  private runId: string | null = null;
  /**
   * The job running now. Each job has its own stop flag: a job that was stopped or cancelled stays
   * stopped when the next one starts (a resumed run starts under the same run id while the cut-short
   * job may still be finishing its batch), as a worker that was told to stop or was terminated does.
   */
  private job: { stopRequested: boolean } | null = null;

  start(
    request: Omit<TrainRequest, "type">,
    onMessage: (message: FromTrainingWorker) => void,
  ): void {
    if (this.job) this.job.stopRequested = true;
    const job = { stopRequested: false };
    this.job = job;
    this.runId = request.runId;
    const deliver = (message: FromTrainingWorker) => {
      // Asynchronously, as a worker's messages arrive; a cancelled or replaced job's are dropped.
      setTimeout(() => {
        if (this.job === job && message.runId === this.runId) onMessage(message);
      }, 0);
    };
    const activate = async (name: BackendName) => {
      if (!(await tf.setBackend(name))) throw new Error(`${name} is not available here.`);
      await tf.ready();
    };
    runTrainingJob(request, deliver, () => job.stopRequested, activate).then(
      deliver,
      (error: unknown) =>
        deliver({
          type: "error",
          runId: request.runId,
          message: error instanceof Error ? error.message : String(error),
        }),
    );
  }

  isActive(): boolean {
    return this.runId !== null;
  }

  stop(): void {
    if (this.job) this.job.stopRequested = true;
  }

  cancel(): void {
    // A terminated worker stops computing too.
    if (this.job) this.job.stopRequested = true;
    this.runId = null;
  }

  finish(runId: string): void {
    if (this.runId === runId) this.runId = null;
  }
}
