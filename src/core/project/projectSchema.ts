import { z } from "zod";
import { runMigrations, type MigrationSteps, type RawRecord } from "../migrate";
import type { SameFields } from "../sameType";
import { BACKEND_ORDER, type BackendName, type BackendPreference } from "../backend/backends";
import { clampAugmentation } from "../data/images/augment";
import { COLUMN_TYPES } from "../data/types";
import type { DateOrder, ImputeStrategy, NumericScaling } from "../data/types";
import { migrateModelSpec } from "../model/spec";
import { trainConfigSchema } from "../train/config";
import { PROJECT_VERSION, type Project } from "./project";
import {
  epochMetricsSchema,
  evaluationReportSchema,
  storedTensorSchema,
  taskSchema,
  migrateTrainedModel,
} from "./trainedModelSchema";

/**
 * The zod schema of a Project and `migrateProject`, the one door through which a project read from
 * storage comes in. Every read goes through it.
 */

const finite = z.number().refine(Number.isFinite, "must be a finite number");
const count = z.number().int().min(0);
const backendSchema = z.enum(BACKEND_ORDER as [BackendName, ...BackendName[]]);
const preferenceSchema = z.enum(["auto", ...BACKEND_ORDER] as [
  BackendPreference,
  ...BackendName[],
]);

const imputes = [
  "mean",
  "median",
  "most-frequent",
  "constant",
  "missing-category",
] as const satisfies readonly ImputeStrategy[];
const scalings = ["standardize", "minmax", "none"] as const satisfies readonly NumericScaling[];
const dateOrders = ["iso", "dmy", "mdy"] as const satisfies readonly DateOrder[];

export const columnSettingsSchema = z.object({
  name: z.string().max(1_000),
  type: z.enum(COLUMN_TYPES),
  use: z.boolean(),
  impute: z.enum(imputes),
  imputeConstant: z.string().max(100_000),
  scaling: z.enum(scalings),
  dateOrder: z.enum(dateOrders).optional(),
});

const splitSchema = z.object({ train: finite, validation: finite, test: finite });
const layoutSchema = z.record(z.string(), z.object({ x: finite, y: finite }));
const dataChoicesSchema = z.object({
  columnSettings: z.array(columnSettingsSchema),
  target: z.string().max(1_000),
  task: taskSchema,
  split: splitSchema,
});

const outcomeSchema = z.object({
  reason: z.enum(["completed", "early-stopped", "stopped"]),
  bestEpoch: count,
  history: z.array(epochMetricsSchema),
});

const rowOriginSchema = z.object({
  rowNumbers: z.array(count),
  id: z.object({ column: z.string(), values: z.array(z.string().nullable()) }).optional(),
});

const predictionsSchema = z.discriminatedUnion("task", [
  z.object({
    task: z.literal("classification"),
    classNames: z.array(z.string()),
    actual: z.array(count),
    predicted: z.array(count),
    probabilities: z.union([z.instanceof(Float32Array), z.array(z.number())]),
    origin: rowOriginSchema.optional(),
  }),
  z.object({
    task: z.literal("regression"),
    actual: z.array(z.number()),
    predicted: z.array(z.number()),
    origin: rowOriginSchema.optional(),
  }),
]);

const runEvaluationSchema = z.object({
  report: evaluationReportSchema,
  predictions: predictionsSchema,
  points: z.array(z.object({ actual: z.number(), predicted: z.number() })),
  outcome: outcomeSchema,
  backend: backendSchema,
  targetName: z.string(),
});

/** A TrainedModel is checked by its own door (migrateTrainedModel), which also upgrades it. */
const trainedModelField = z.unknown().transform((raw, context) => {
  try {
    return migrateTrainedModel(raw);
  } catch (error) {
    context.addIssue({ code: "custom", message: error instanceof Error ? error.message : "" });
    return z.NEVER;
  }
});

const specField = z.unknown().transform((raw, context) => {
  try {
    return migrateModelSpec(raw);
  } catch (error) {
    context.addIssue({ code: "custom", message: error instanceof Error ? error.message : "" });
    return z.NEVER;
  }
});

const checkpointSchema = z.object({
  epoch: count,
  weights: z.array(storedTensorSchema),
  optimizer: z.array(storedTensorSchema),
  best: z
    .object({ epoch: count, monitored: finite, weights: z.array(storedTensorSchema) })
    .nullable(),
  epochsWithoutImprovement: count,
  history: z.array(epochMetricsSchema),
});

export const projectRunSchema = z.object({
  id: z.string().min(1).max(200),
  startedAt: z.string().max(100),
  config: trainConfigSchema,
  spec: specField,
  layout: layoutSchema,
  data: dataChoicesSchema,
  history: z.array(epochMetricsSchema),
  report: evaluationReportSchema,
  evaluation: runEvaluationSchema.nullable(),
  model: trainedModelField.optional(),
  backend: backendSchema,
  seconds: finite,
  trainedOn: z
    .object({ name: z.string().max(1000), rows: count, kind: z.enum(["table", "images"]) })
    .optional(),
});

export const projectSchema = z.object({
  version: z.literal(PROJECT_VERSION),
  id: z.string().min(1).max(200),
  name: z.string().max(200),
  createdAt: z.string().max(100),
  updatedAt: z.string().max(100),
  revision: count,
  dataset: z
    .object({
      kind: z.enum(["table", "images"]),
      hash: z.string().regex(/^[0-9a-f]{64}$/),
      fileName: z.string().max(1_000),
      size: count,
    })
    .nullable(),
  columnSettings: z.array(columnSettingsSchema),
  target: z.string().max(1_000).nullable(),
  task: taskSchema,
  split: splitSchema,
  spec: specField,
  layout: layoutSchema,
  specIsDefault: z.boolean(),
  trainConfig: trainConfigSchema,
  backendPreference: preferenceSchema,
  runs: z.array(projectRunSchema),
  currentRunId: z.string().nullable(),
  interrupted: z
    .object({
      id: z.string().min(1).max(200),
      startedAt: z.string().max(100),
      config: trainConfigSchema,
      spec: specField,
      layout: layoutSchema,
      data: dataChoicesSchema,
      backendPreference: preferenceSchema,
      checkpoint: checkpointSchema,
    })
    .nullable(),
  hostedShare: z
    .object({
      id: z.string().regex(/^[A-Za-z0-9_-]{1,128}$/),
      url: z.string().max(2_000),
      version: z.number().int().min(1),
      ownerToken: z.string().min(16).max(500),
      modelCreatedAt: z.string().max(100),
    })
    .optional(),
  augmentation: z
    .object({
      enabled: z.boolean(),
      flip: z.boolean(),
      rotationDegrees: finite,
      shift: finite,
      zoom: finite,
      brightness: finite,
      contrast: finite,
    })
    .transform(clampAugmentation)
    .optional(),
});

/** A project that fails its schema or comes from a newer studio, with a reason a person can act on. */
export class ProjectFormatError extends Error {
  override name = "ProjectFormatError";
}

type RawProject = RawRecord;

/**
 * Upgrade steps, keyed by the version they upgrade FROM. Each takes and returns plain data and is
 * tested with an old sample (projectSchema.test.ts).
 */
export const PROJECT_MIGRATIONS: MigrationSteps = {
  /**
   * Version 1 had no backend preference, no revision counter, no interrupted run, and its runs
   * neither recorded their training time nor the layout and data choices they trained on.
   */
  1: (raw) => {
    const runs = Array.isArray(raw.runs) ? (raw.runs as RawProject[]) : [];
    const project = raw as RawProject & { layout?: unknown; columnSettings?: unknown };
    return {
      ...raw,
      version: 2,
      backendPreference: "auto",
      revision: 0,
      interrupted: null,
      runs: runs.map((run) => {
        const history = Array.isArray(run.history)
          ? (run.history as Array<{ seconds?: number }>)
          : [];
        return {
          ...run,
          seconds: history.reduce((sum, epoch) => sum + (epoch.seconds ?? 0), 0),
          layout: project.layout ?? {},
          data: {
            columnSettings: project.columnSettings ?? [],
            target: raw.target ?? "",
            task: raw.task ?? "classification",
            split: raw.split,
          },
        };
      }),
    };
  },
  /** Version 2 kept table files only: its dataset reference gains the kind "table". */
  2: (raw) => ({
    ...raw,
    version: 3,
    dataset:
      typeof raw.dataset === "object" && raw.dataset !== null
        ? { ...raw.dataset, kind: "table" }
        : raw.dataset,
  }),
};

/**
 * Reads a Project from storage: runs the upgrade steps from its version to PROJECT_VERSION, then
 * validates everything (its runs' trained models through migrateTrainedModel). Throws
 * ProjectFormatError naming the project and what is wrong.
 */
export function migrateProject(raw: unknown, migrations = PROJECT_MIGRATIONS): Project {
  const name =
    typeof raw === "object" && raw !== null && typeof (raw as RawProject).name === "string"
      ? `“${String((raw as RawProject).name).slice(0, 80)}”`
      : "A saved project";
  const current = runMigrations(raw, {
    current: PROJECT_VERSION,
    oldest: 1,
    steps: migrations,
    fail: (failure) =>
      new ProjectFormatError(
        failure.kind === "unreadable"
          ? `${name} is not a project this studio can read.`
          : failure.kind === "newer"
            ? `${name} was saved by a newer version of the studio (format ${failure.found}; this one reads up to ${PROJECT_VERSION}). Open it in a newer studio.`
            : failure.kind === "no-step"
              ? `${name}: no upgrade step from format ${failure.from}.`
              : `${name}: the upgrade step from format ${failure.from} failed.`,
      ),
  });
  const parsed = projectSchema.safeParse(current);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.map(String).join(".") ?? "";
    throw new ProjectFormatError(
      `${name} is damaged and cannot be opened (${where ? `${where}: ` : ""}${issue?.message ?? "unknown problem"}). Delete it, or open another project.`,
    );
  }
  return parsed.data;
}

// A field added to Project and not to its schema (or the reverse) fails to compile here.
const projectMatchesSchema: SameFields<Project, z.infer<typeof projectSchema>> = true;
void projectMatchesSchema;
