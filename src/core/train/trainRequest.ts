import type { BackendPreference } from "../backend/backends";
import type { BackendChoice } from "../backend/choice";
import type { ImageRun } from "../data/images/imageRun";
import type { PreparedData } from "../data/preparedData";
import type { TaskKind } from "../data/types";
import type { FoldTruth } from "../eval/crossValidation";
import { reportInputsOf } from "../eval/evaluation";
import type { ModelSpec } from "../model/spec";
import type { FineTuneSettings } from "../transfer/train";
import type { TrainConfig } from "./config";
import type { TrainRequest } from "./runMessages";
import type { Checkpoint, StoredTensor } from "./types";

/** Cross-validation: each fold's held-out truth, to score the folds when the run ends. */
export interface FoldsKept {
  truths: FoldTruth[];
  /** The rows dealt into the folds (training and validation rows together). */
  rows: number;
}

/** A run's data split in two: what goes to the trainer, and what the page keeps for the report. */
export interface RunData {
  /** What the report and the TrainedModel are made from when the run ends. */
  kept: PreparedData;
  /** The request's data (its arrays are transferred to the trainer, not copied). */
  payload: Pick<TrainRequest, "data" | "test" | "report" | "folds">;
  cv: FoldsKept | null;
}

/**
 * A table run's data from the data service's prepared arrays (and folds, when cross-validating).
 * The features go to the trainer without copying; the labels (and the test features, for
 * permutation importance) are copied to stay with the page.
 */
export function tableRunData(task: TaskKind, data: PreparedData): RunData {
  const { folds = [], ...prepared } = data;
  const { plan } = prepared;
  const label = plan.preprocessing.label;
  const kept: PreparedData = {
    ...prepared,
    train: { ...prepared.train, y: prepared.train.y.slice() },
    test: { ...prepared.test, x: prepared.test.x.slice(), y: prepared.test.y.slice() },
  };
  return {
    kept,
    payload: {
      data: {
        task,
        featureCount: plan.featureCount,
        classCount: plan.classNames.length,
        train: prepared.train,
        validation: prepared.validation,
        targetScale: label.kind === "standardized" ? label.std : 1,
      },
      test: { x: prepared.test.x, rows: prepared.test.rows },
      report: reportInputsOf(kept),
      ...(folds.length > 0
        ? {
            folds: folds.map((fold) => ({
              train: fold.train,
              validation: fold.validation,
              test: { x: fold.test.x, rows: fold.test.rows },
              targetScale: fold.label.kind === "standardized" ? fold.label.std : 1,
            })),
          }
        : {}),
    },
    cv:
      folds.length > 0
        ? {
            truths: folds.map((fold) => ({
              testLabels: fold.test.y,
              testTargets: fold.testTargets,
              trainTargets: fold.trainTargets,
              label: fold.label,
            })),
            rows: plan.sizes.train + plan.sizes.validation,
          }
        : null,
  };
}

/** A picture run's data from its split (see prepareImageRun): bytes to the trainer, labels kept. */
export function pictureRunData(run: ImageRun): RunData {
  const { prepared } = run;
  return {
    kept: prepared,
    payload: {
      data: run.data,
      test: run.test,
      report: reportInputsOf(prepared),
      ...(run.folds.length > 0
        ? {
            folds: run.folds.map((fold) => ({
              train: fold.train,
              validation: fold.validation,
              test: { x: fold.test.pixels, rows: fold.test.rows },
              targetScale: 1,
            })),
          }
        : {}),
    },
    cv:
      run.folds.length > 0
        ? {
            truths: run.folds.map((fold) => ({
              testLabels: fold.test.y.slice(),
              testTargets: [],
              trainTargets: [],
              label: prepared.plan.preprocessing.label,
            })),
            rows: prepared.plan.sizes.train + prepared.plan.sizes.validation,
          }
        : null,
  };
}

/** The request that starts a run on the trainer: its data, the model, the settings. */
export function trainRequestOf(
  run: RunData,
  settings: {
    runId: string;
    spec: ModelSpec;
    config: TrainConfig;
    preference: BackendPreference;
    /** Auto: a choice measured earlier for this model on this device (null: measure). */
    cachedChoice: BackendChoice | null;
    resumeFrom: Checkpoint | null;
    /** A pretrained block's frozen weights, and whether to fine-tune it afterwards. */
    pretrained: { weights: StoredTensor[]; fineTune: FineTuneSettings | null } | null;
  },
): Omit<TrainRequest, "type"> {
  const { resumeFrom, pretrained, ...rest } = settings;
  return {
    ...rest,
    ...run.payload,
    ...(resumeFrom ? { resumeFrom } : {}),
    ...(pretrained ? { pretrained } : {}),
  };
}
