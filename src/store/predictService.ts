import { WorkerPredictService } from "../worker/predictClient";
import type { PredictService } from "../worker/predictService";

let service: PredictService = new WorkerPredictService();

/** What predicts for the store: the predict worker in the page, an in-process one in tests. */
export function predictService(): PredictService {
  return service;
}

export function setPredictService(next: PredictService): void {
  service = next;
}
