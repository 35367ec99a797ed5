import { WorkerDataService } from "../worker/dataClient";
import type { DataService } from "../worker/dataService";

let service: DataService = new WorkerDataService();

/** The data service the store talks to: the data worker in the page, an in-process one in tests. */
export function dataService(): DataService {
  return service;
}

export function setDataService(next: DataService): void {
  service = next;
}
