import { splitBuffers } from "../core/train/batchSource";
import type { FromTrainingWorker, TrainRequest } from "../core/train/runMessages";
import type { TrainingRunner } from "../services/trainingRunner";
import type { TrainingProtocol } from "./protocol";
import { CallCancelledError, WorkerConnection, type WorkerLike } from "./rpc";

const startTrainingWorker = () =>
  new Worker(new URL("./training.worker.ts", import.meta.url), {
    type: "module",
    name: "training",
  });

/** The buffers a request hands to the worker instead of copying: every split's arrays. */
function transferablesOfRequest(request: TrainRequest): Transferable[] {
  return [
    ...splitBuffers(request.data.train),
    ...splitBuffers(request.data.validation),
    request.test.x.buffer,
    ...(request.folds ?? []).flatMap((fold) => [
      ...splitBuffers(fold.train),
      ...splitBuffers(fold.validation),
      fold.test.x.buffer,
    ]),
  ] as Transferable[];
}

/**
 * The page's side of the training worker. One run at a time, each in a fresh worker: `stop` asks
 * the run to finish its batch and evaluate the best weights; `cancel` ends the worker at once (a
 * new one starts on the next run), for when the data under a run has gone.
 */
export class TrainingClient implements TrainingRunner {
  private runId: string | null = null;

  private readonly connection: WorkerConnection<TrainingProtocol>;

  constructor(start: () => WorkerLike = startTrainingWorker) {
    this.connection = new WorkerConnection<TrainingProtocol>("training", start);
  }

  start(
    request: Omit<TrainRequest, "type">,
    onMessage: (message: FromTrainingWorker) => void,
  ): void {
    this.cancel();
    const { runId } = request;
    this.runId = runId;
    // Messages of a run this client no longer follows are dropped.
    const deliver = (message: FromTrainingWorker) => {
      if (this.runId === runId) onMessage(message);
    };
    this.connection
      .call("train", request, { transfer: transferablesOfRequest(request), onProgress: deliver })
      .then(deliver, (error: unknown) => {
        if (error instanceof CallCancelledError) return;
        deliver({
          type: "error",
          runId,
          message: error instanceof Error ? error.message : String(error),
        });
      });
  }

  /** A worker is training (or about to): false while the page still prepares the data. */
  isActive(): boolean {
    return this.runId !== null;
  }

  stop(): void {
    if (this.runId) this.connection.notify("stop", { runId: this.runId });
  }

  /** Ends the worker and forgets the run; its late messages are dropped. */
  cancel(): void {
    this.runId = null;
    this.connection.terminate();
  }

  /** The run is over (done or error); the worker can go, freeing its GPU memory. */
  finish(runId: string): void {
    if (this.runId === runId) this.cancel();
  }
}
