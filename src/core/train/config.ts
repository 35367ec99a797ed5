import { z } from "zod";
import type { SameType } from "../sameType";
import {
  choiceSettingSchema,
  isNumberSetting,
  numberSettingSchema,
  settingMessage,
  TRAIN_SETTINGS,
} from "./settings";

export type OptimizerName = "adam" | "sgd" | "rmsprop";
export type ClassWeighting = "none" | "balanced";

/** Everything that decides how a model is trained; a share link carries it as is. */
export interface TrainConfig {
  version: 1;
  optimizer: OptimizerName;
  learningRate: number;
  /** Momentum for sgd (0 for plain gradient descent). */
  momentum: number;
  batchSize: number;
  epochs: number;
  earlyStopping: { enabled: boolean; patience: number; restoreBest: boolean };
  /** "balanced" weighs each class by n / (classes × count), as scikit-learn does. */
  classWeighting: ClassWeighting;
  seed: number;
  /**
   * Tables: also train on k folds of the training and validation rows and report each metric's
   * mean ± standard deviation across them. The model kept is still the one of the plain split.
   * Absent in configs saved before it existed (= off).
   */
  crossValidation?: { enabled: boolean; folds: number };
}

const S = TRAIN_SETTINGS;

/** The table's defaults (settings.ts), as one config. */
export const DEFAULT_TRAIN_CONFIG: TrainConfig = {
  version: 1,
  optimizer: S.optimizer.defaultValue,
  learningRate: S.learningRate.defaultValue,
  momentum: S.momentum.defaultValue,
  batchSize: S.batchSize.defaultValue,
  epochs: S.epochs.defaultValue,
  earlyStopping: {
    enabled: S.earlyStopping.defaultValue,
    patience: S.patience.defaultValue,
    restoreBest: S.restoreBest.defaultValue,
  },
  classWeighting: S.classWeighting.defaultValue,
  seed: S.seed.defaultValue,
  crossValidation: { enabled: S.crossValidation.defaultValue, folds: S.folds.defaultValue },
};

/** TrainConfig's schema, its bounds read from TRAIN_SETTINGS. */
export const trainConfigSchema = z.object({
  version: z.literal(1),
  optimizer: choiceSettingSchema("optimizer"),
  learningRate: numberSettingSchema(S.learningRate),
  momentum: numberSettingSchema(S.momentum),
  batchSize: numberSettingSchema(S.batchSize),
  epochs: numberSettingSchema(S.epochs),
  earlyStopping: z.object({
    enabled: z.boolean(),
    patience: numberSettingSchema(S.patience),
    restoreBest: z.boolean(),
  }),
  classWeighting: choiceSettingSchema("classWeighting"),
  seed: numberSettingSchema(S.seed),
  crossValidation: z
    .object({ enabled: z.boolean(), folds: numberSettingSchema(S.folds) })
    .optional(),
});

// A field added to TrainConfig and not to its schema (or the reverse) fails to compile here.
const configMatchesSchema: SameType<TrainConfig, z.infer<typeof trainConfigSchema>> = true;
void configMatchesSchema;

/**
 * Problems with a config, one message per field (from TRAIN_SETTINGS), empty when it is fine.
 */
export function trainConfigProblems(config: TrainConfig): string[] {
  const result = trainConfigSchema.safeParse(config);
  if (result.success) return [];
  return [
    ...new Set(
      result.error.issues.map((issue) => {
        const key = String(issue.path[issue.path.length - 1] ?? issue.path[0] ?? "");
        return isNumberSetting(key)
          ? settingMessage(TRAIN_SETTINGS[key])
          : `${issue.path.join(".")}: ${issue.message}`;
      }),
    ),
  ];
}
