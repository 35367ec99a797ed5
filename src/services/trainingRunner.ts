import type { FromTrainingWorker, TrainRequest } from "../core/train/runMessages";

/** What the store needs of a training run: the worker in the page, an in-process one in tests. */
export interface TrainingRunner {
  start(
    request: Omit<TrainRequest, "type">,
    onMessage: (message: FromTrainingWorker) => void,
  ): void;
  /** A run is training (or about to): false while the page still prepares the data. */
  isActive(): boolean;
  /** Asks the run to finish its batch and evaluate the best weights. */
  stop(): void;
  /** Ends the run at once and forgets it; its late messages are dropped. */
  cancel(): void;
  /** The run is over (done or error). */
  finish(runId: string): void;
}
