import * as tf from "@tensorflow/tfjs";
import type { BackendName } from "../core/backend/backends";
import type { FromTrainingWorker, TrainRequest } from "./protocol";
import type { TrainingRunner } from "./trainingClient";
import { runTrainingJob } from "./trainingJob";

/**
 * Runs training in this thread through the same job the training worker runs, for Node tests of
 * the store (start → batches → done) where there is no Worker. Use the cpu backend there.
 */
export class LocalTrainingRunner implements TrainingRunner {
  private runId: string | null = null;
  private stopRequested = false;

  start(
    request: Omit<TrainRequest, "type">,
    onMessage: (message: FromTrainingWorker) => void,
  ): void {
    this.runId = request.runId;
    this.stopRequested = false;
    const deliver = (message: FromTrainingWorker) => {
      // Asynchronously, as a worker's messages arrive; a cancelled run's messages are dropped.
      setTimeout(() => {
        if (message.runId === this.runId) onMessage(message);
      }, 0);
    };
    const activate = async (name: BackendName) => {
      if (!(await tf.setBackend(name))) throw new Error(`${name} is not available here.`);
      await tf.ready();
    };
    runTrainingJob(
      { type: "train", ...request },
      deliver,
      () => this.stopRequested,
      activate,
    ).catch((error: unknown) =>
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
    this.stopRequested = true;
  }

  cancel(): void {
    this.runId = null;
  }

  finish(runId: string): void {
    if (this.runId === runId) this.runId = null;
  }
}
