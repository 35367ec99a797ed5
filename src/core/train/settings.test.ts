import { describe, expect, it } from "vitest";
import {
  DEFAULT_TRAIN_CONFIG,
  trainConfigProblems,
  trainConfigSchema,
  type TrainConfig,
} from "./config";
import {
  isNumberSetting,
  settingValueProblem,
  TRAIN_SETTINGS,
  type NumberSettingName,
} from "./settings";

const NUMBER_SETTINGS = (Object.keys(TRAIN_SETTINGS) as Array<keyof typeof TRAIN_SETTINGS>).filter(
  isNumberSetting,
);

/** The default config with one number setting set to `value`, where TrainConfig keeps it. */
function withSetting(name: NumberSettingName, value: number): TrainConfig {
  const config = structuredClone(DEFAULT_TRAIN_CONFIG);
  if (name === "patience") config.earlyStopping.patience = value;
  else if (name === "folds") config.crossValidation = { enabled: true, folds: value };
  else config[name] = value;
  return config;
}

/** Values at, just inside and just outside each bound, fractions and non-finite numbers. */
function probes(name: NumberSettingName): number[] {
  const { min, max } = TRAIN_SETTINGS[name];
  const tiny = TRAIN_SETTINGS[name].integer ? 1 : 1e-9;
  return [
    min - tiny,
    min,
    min + tiny,
    min + 0.5,
    (min + max) / 2,
    max - tiny,
    max,
    max + tiny,
    -1,
    0,
    NaN,
    Infinity,
  ];
}

describe("TRAIN_SETTINGS", () => {
  it("declares seven number settings", () => {
    expect(NUMBER_SETTINGS).toEqual([
      "learningRate",
      "momentum",
      "batchSize",
      "epochs",
      "seed",
      "patience",
      "folds",
    ]);
  });

  it("the form's check of each number agrees with the config schema, value by value", () => {
    for (const name of NUMBER_SETTINGS) {
      for (const value of probes(name)) {
        const formSays = settingValueProblem(name, value) === null;
        const schemaSays = trainConfigSchema.safeParse(withSetting(name, value)).success;
        expect({ name, value, accepted: formSays }).toEqual({ name, value, accepted: schemaSays });
      }
    }
  });

  it("holds the bounds the schema always had, a learning rate of 0 refused", () => {
    expect(settingValueProblem("learningRate", 0)).toBe(
      "Learning rate must be a positive number up to 10.",
    );
    expect(settingValueProblem("learningRate", 1e-6)).toBeNull();
    expect(settingValueProblem("batchSize", 65536)).toBeNull();
    expect(settingValueProblem("batchSize", 65537)).toBe(
      "Batch size must be a whole number from 1 to 65536.",
    );
    expect(settingValueProblem("seed", 2 ** 31)).toBe(
      "Seed must be a whole number from 0 to 2147483647.",
    );
    expect(settingValueProblem("patience", 1001)).toBe(
      "Patience (epochs) must be a whole number from 1 to 1000.",
    );
    expect(settingValueProblem("momentum", 1)).toBe("Momentum must be between 0 and 0.999.");
    expect(settingValueProblem("epochs", 2.5)).toBe(
      "Epochs must be a whole number from 1 to 10000.",
    );
  });

  it("gives each default inside its own bounds, and the default config passes", () => {
    for (const name of NUMBER_SETTINGS) {
      expect(settingValueProblem(name, TRAIN_SETTINGS[name].defaultValue)).toBeNull();
    }
    expect(trainConfigProblems(DEFAULT_TRAIN_CONFIG)).toEqual([]);
  });

  it("names a nested setting by its table message, once however many issues it raises", () => {
    expect(trainConfigProblems(withSetting("patience", 0))).toEqual([
      "Patience (epochs) must be a whole number from 1 to 1000.",
    ]);
    expect(trainConfigProblems(withSetting("folds", 1.5))).toEqual([
      "Folds must be a whole number from 2 to 10.",
    ]);
  });

  it("the choice settings' options are exactly what the schema accepts", () => {
    for (const name of ["optimizer", "classWeighting"] as const) {
      for (const { value } of TRAIN_SETTINGS[name].options) {
        expect(
          trainConfigSchema.safeParse({ ...DEFAULT_TRAIN_CONFIG, [name]: value }).success,
        ).toBe(true);
      }
      expect(
        trainConfigSchema.safeParse({ ...DEFAULT_TRAIN_CONFIG, [name]: "other" }).success,
      ).toBe(false);
    }
  });
});
