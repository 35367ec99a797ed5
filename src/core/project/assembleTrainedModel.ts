import type { BackendName } from "../backend/backends";
import type { ModelSpec } from "../model/spec";
import { trainedModelName } from "./modelName";
import { TRAINED_MODEL_VERSION, type TrainedModel } from "./trainedModel";
import type { SampleImage } from "./sampleImages";
import type { TrainConfig } from "../train/config";
import type { StoredTensor, TrainOutcome } from "../train/types";
import type { PreparedData } from "../data/preparedData";
import type { Evaluation } from "../eval/evaluation";

/** A finished run as a TrainedModel: the data a worker needs to rebuild and use the model. */
export function assembleTrainedModel(input: {
  fileName: string;
  prepared: PreparedData;
  spec: ModelSpec;
  config: TrainConfig;
  weights: StoredTensor[];
  evaluation: Evaluation;
  outcome: TrainOutcome;
  backend: BackendName;
  /** Image runs: the first test pictures. */
  sampleImages?: SampleImage[];
}): TrainedModel {
  const { plan } = input.prepared;
  const { preprocessing, sizes } = plan;
  const target = preprocessing.label.column;
  return {
    version: TRAINED_MODEL_VERSION,
    // A picture model predicts the class of a picture: the file alone names it (digits-png).
    name: trainedModelName(input.fileName, preprocessing.image ? "" : target),
    spec: input.spec,
    weights: input.weights,
    preprocessing,
    labels: plan.classNames,
    task: preprocessing.task,
    report: input.evaluation.report,
    trainConfig: input.config,
    backend: input.backend,
    createdAt: new Date().toISOString(),
    history: input.outcome.history,
    dataset: {
      fileName: input.fileName,
      rows: sizes.train + sizes.validation + sizes.test,
      split: { ...sizes },
      columns: [...preprocessing.inputs.map((t) => t.column), target],
    },
    sampleRows: input.prepared.sampleRows,
    ...(input.sampleImages ? { sampleImages: input.sampleImages } : {}),
  };
}
