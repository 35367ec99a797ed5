import { splitBuffers } from "../core/train/batchSource";
import type { FromTrainingWorker, TrainRequest } from "../core/train/runMessages";
import type { TrainingRunner } from "../services/trainingRunner";

/**
 * The page's side of the training worker. One run at a time: `stop` asks the run to finish its
 * batch and evaluate the best weights; `cancel` ends the worker at once (a new one starts on the
 * next run), for when the data under a run has gone.
 */
export class TrainingClient implements TrainingRunner {
  private worker: Worker | null = null;
  private runId: string | null = null;

  start(
    request: Omit<TrainRequest, "type">,
    onMessage: (message: FromTrainingWorker) => void,
  ): void {
    this.cancel();
    const worker = new Worker(new URL("./training.worker.ts", import.meta.url), {
      type: "module",
      name: "training",
    });
    worker.onmessage = (event: MessageEvent<FromTrainingWorker>) => {
      if (event.data.runId === this.runId) onMessage(event.data);
    };
    worker.onerror = (event) => {
      event.preventDefault();
      if (this.runId === request.runId) {
        onMessage({
          type: "error",
          runId: request.runId,
          message: `The training worker crashed: ${event.message || "unknown error"}`,
        });
      }
    };
    this.worker = worker;
    this.runId = request.runId;
    const transfer = [
      ...splitBuffers(request.data.train),
      ...splitBuffers(request.data.validation),
      request.test.x.buffer,
      ...(request.folds ?? []).flatMap((fold) => [
        ...splitBuffers(fold.train),
        ...splitBuffers(fold.validation),
        fold.test.x.buffer,
      ]),
    ];
    worker.postMessage(
      { type: "train", ...request } satisfies TrainRequest,
      transfer as Transferable[],
    );
  }

  /** A worker is training (or about to): false while the page still prepares the data. */
  isActive(): boolean {
    return this.worker !== null;
  }

  stop(): void {
    if (this.worker && this.runId) this.worker.postMessage({ type: "stop", runId: this.runId });
  }

  /** Ends the worker and forgets the run; its late messages are dropped. */
  cancel(): void {
    this.worker?.terminate();
    this.worker = null;
    this.runId = null;
  }

  /** The run is over (done or error); the worker can go, freeing its GPU memory. */
  finish(runId: string): void {
    if (this.runId === runId) this.cancel();
  }
}
