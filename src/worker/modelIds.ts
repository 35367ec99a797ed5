import type { TrainedModel } from "../core/project/trainedModel";

/** An id per TrainedModel object, so a worker builds each model once however often it predicts. */
export class ModelIds {
  private ids = new WeakMap<TrainedModel, string>();
  private counter = 0;

  of(model: TrainedModel): string {
    let id = this.ids.get(model);
    if (!id) {
      id = `model-${++this.counter}`;
      this.ids.set(model, id);
    }
    return id;
  }
}
