import { TrainingClient, type TrainingRunner } from "../worker/trainingClient";

let runner: TrainingRunner = new TrainingClient();

/** What runs training for the store: the training worker in the page, an in-process one in tests. */
export function trainingRunner(): TrainingRunner {
  return runner;
}

export function setTrainingRunner(next: TrainingRunner): void {
  runner = next;
}
