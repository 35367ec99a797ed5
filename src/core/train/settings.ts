import { z } from "zod";

/**
 * Every training setting declared once: its type, bounds, default, label and help. The training
 * form, the zod schema of TrainConfig (config.ts) and the problem messages are all made from this
 * table, so the form cannot accept a value the schema refuses, nor the reverse.
 */

export interface NumberSetting {
  type: "number";
  label: string;
  help: string;
  integer: boolean;
  min: number;
  /** true: the value must be above `min` (a learning rate of 0 trains nothing). */
  minExclusive: boolean;
  max: number;
  defaultValue: number;
}

export interface ChoiceSetting<Value extends string> {
  type: "choice";
  label: string;
  help: string;
  options: ReadonlyArray<{ value: Value; label: string }>;
  defaultValue: Value;
}

export interface BooleanSetting {
  type: "boolean";
  label: string;
  help: string;
  defaultValue: boolean;
}

function number(
  label: string,
  help: string,
  bounds: { min: number; max: number; integer: boolean; minExclusive?: boolean },
  defaultValue: number,
): NumberSetting {
  return { type: "number", label, help, minExclusive: false, ...bounds, defaultValue };
}

/** A choice among `labels`' keys, shown in their order with their labels. */
function choice<const Value extends string>(
  label: string,
  help: string,
  labels: Record<Value, string>,
  defaultValue: NoInfer<Value>,
): ChoiceSetting<Value> {
  const options = (Object.keys(labels) as Value[]).map((value) => ({
    value,
    label: labels[value],
  }));
  return { type: "choice", label, help, options, defaultValue };
}

export const TRAIN_SETTINGS = {
  optimizer: choice(
    "Optimizer",
    "How each step changes the weights from the gradient.",
    { adam: "Adam (a good default)", sgd: "SGD with momentum", rmsprop: "RMSprop" },
    "adam",
  ),
  // Measured with the proposed MLP on the samples against the linear model over 5 seeds
  // (bench/defaults-vs-linear.bench.ts): 0.01 overshot on small tables.
  learningRate: number(
    "Learning rate",
    "How far each step moves the weights: too high overshoots, too low crawls.",
    { min: 0, minExclusive: true, max: 10, integer: false },
    0.003,
  ),
  momentum: number(
    "Momentum",
    "SGD only: the share of the previous step carried into the next (0 for plain gradient descent).",
    { min: 0, max: 0.999, integer: false },
    0.9,
  ),
  batchSize: number(
    "Batch size",
    "Examples per weight update.",
    { min: 1, max: 65536, integer: true },
    32,
  ),
  epochs: number(
    "Epochs",
    "Passes over the training examples (fewer when stopping early).",
    { min: 1, max: 10000, integer: true },
    200,
  ),
  seed: number(
    "Seed",
    "Fixes the starting weights and the shuffling, so a run can be repeated.",
    { min: 0, max: 2 ** 31 - 1, integer: true },
    42,
  ),
  classWeighting: choice(
    "Class weights",
    "Balanced weighs each class by n / (classes × count), as scikit-learn does.",
    {
      none: "Equal (every example counts the same)",
      balanced: "Balanced (rare classes count more)",
    },
    "none",
  ),
  earlyStopping: {
    type: "boolean",
    label: "Stop early when the validation loss stops improving",
    help: "Ends the run once the validation loss has not improved for the patience.",
    defaultValue: true,
  } satisfies BooleanSetting,
  // 10 epochs of patience stopped before the penalised network caught up with the linear model.
  patience: number(
    "Patience (epochs)",
    "Epochs without a better validation loss before stopping.",
    { min: 1, max: 1000, integer: true },
    20,
  ),
  restoreBest: {
    type: "boolean",
    label: "After a full run, keep the best epoch's weights (a stop, early or yours, always does)",
    help: "Keeps the weights of the epoch with the lowest validation loss.",
    defaultValue: true,
  } satisfies BooleanSetting,
  crossValidation: {
    type: "boolean",
    label: "Cross-validate",
    help: "Also trains on folds of the training examples, for each score's spread.",
    defaultValue: false,
  } satisfies BooleanSetting,
  folds: number(
    "Folds",
    "How many parts the training examples are cut into for cross-validation.",
    { min: 2, max: 10, integer: true },
    5,
  ),
} as const;

export type TrainSettingName = keyof typeof TRAIN_SETTINGS;
export type NumberSettingName = {
  [K in TrainSettingName]: (typeof TRAIN_SETTINGS)[K] extends NumberSetting ? K : never;
}[TrainSettingName];

type Choices<K extends TrainSettingName> =
  (typeof TRAIN_SETTINGS)[K] extends ChoiceSetting<infer Value> ? Value : never;

/** The zod schema of one number setting: its bounds, and whole numbers where it says so. */
export function numberSettingSchema(setting: NumberSetting) {
  let schema = z.number();
  if (setting.integer) schema = schema.int();
  schema = setting.minExclusive ? schema.gt(setting.min) : schema.min(setting.min);
  return schema.max(setting.max);
}

/** The zod schema of one choice setting. */
export function choiceSettingSchema<K extends "optimizer" | "classWeighting">(name: K) {
  const values = TRAIN_SETTINGS[name].options.map((option) => option.value) as [
    Choices<K>,
    ...Array<Choices<K>>,
  ];
  return z.enum(values);
}

/** What a person reads when a number setting is out of its bounds, e.g. "Seed must be a whole number from 0 to 2147483647." */
export function settingMessage(setting: NumberSetting): string {
  if (setting.integer) {
    return `${setting.label} must be a whole number from ${setting.min} to ${setting.max}.`;
  }
  if (setting.minExclusive && setting.min === 0) {
    return `${setting.label} must be a positive number up to ${setting.max}.`;
  }
  return `${setting.label} must be between ${setting.min} and ${setting.max}.`;
}

/** The message for `value` of a number setting, or null when the schema accepts it. */
export function settingValueProblem(name: NumberSettingName, value: number): string | null {
  const setting = TRAIN_SETTINGS[name];
  return numberSettingSchema(setting).safeParse(value).success ? null : settingMessage(setting);
}

export function isNumberSetting(name: string): name is NumberSettingName {
  return name in TRAIN_SETTINGS && TRAIN_SETTINGS[name as TrainSettingName].type === "number";
}
