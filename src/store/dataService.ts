import { WorkerDataService } from "../worker/dataClient";
import type { DataService } from "../worker/dataService";
import type { ImageService } from "../worker/imageService";

const worker = new WorkerDataService();
let service: DataService = worker;
let images: ImageService = worker;

/** The data service the store talks to: the data worker in the page, an in-process one in tests. */
export function dataService(): DataService {
  return service;
}

export function setDataService(next: DataService): void {
  service = next;
}

/** The image loader the store talks to: the data worker in the page, a Node one in tests. */
export function imageService(): ImageService {
  return images;
}

export function setImageService(next: ImageService): void {
  images = next;
}
