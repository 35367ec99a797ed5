import { z } from "zod";
import { runMigrations, type MigrationSteps } from "../migrate";
import type { SameFields } from "../sameType";
import { BACKEND_ORDER, type BackendName } from "../backend/backends";
import { fittedColumnTransformSchema } from "../data/columnKinds";
import { columnName, finite, text } from "../data/columnKinds/schema";
import { IMAGE_FITS, MAX_IMAGE_SIZE, MIN_IMAGE_SIZE, type ImageFit } from "../data/images/types";
import { LAYER_TYPES, migrateModelSpec, modelSpecSchema } from "../model/spec";
import { trainConfigSchema } from "../train/config";
import { MAX_SAMPLE_IMAGES, base64ToBytes } from "./sampleImages";
import { MAX_KEPT_CURVE_POINTS } from "../eval/classificationScores";
import { CLASSIFICATION_FOLD_METRICS, REGRESSION_FOLD_METRICS } from "../eval/crossValidation";
import { TRAINED_MODEL_VERSION, type TrainedModel } from "./trainedModel";
import { messageOf } from "../errors";

/**
 * The zod schema of a TrainedModel and `migrateTrainedModel`, the one door through which a trained
 * model read from outside (a bundle, IndexedDB, a link) comes in. Every read goes through it.
 */

/** Tensors past this many elements are refused: 2^28 floats is 1 GiB, far beyond a browser model. */
export const MAX_TENSOR_ELEMENTS = 2 ** 28;

const count = z.number().int().min(0);

export const labelEncodingSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("classes"), column: columnName, classNames: z.array(text).min(1) }),
  z.object({
    kind: z.literal("standardized"),
    column: columnName,
    decimalComma: z.boolean(),
    mean: finite,
    std: finite.refine((v) => v !== 0, "std must not be 0"),
  }),
]);

export const taskSchema = z.enum(["classification", "regression"]);

/** The image part of Preprocessing (added in place, optional: table models need no migration). */
export const imagePreprocessingSchema = z.object({
  size: z.number().int().min(MIN_IMAGE_SIZE).max(MAX_IMAGE_SIZE),
  channels: z.union([z.literal(1), z.literal(3)]),
  fit: z.enum(IMAGE_FITS as [ImageFit, ...ImageFit[]]),
  scaling: z.literal("unit"),
  classNames: z.array(text).min(2),
});

export const preprocessingSchema = z.object({
  version: z.literal(1),
  task: taskSchema,
  inputs: z.array(fittedColumnTransformSchema),
  featureNames: z.array(text),
  label: labelEncodingSchema,
  image: imagePreprocessingSchema.optional(),
});

const averages = z.object({ precision: finite, recall: finite, f1: finite, support: count });

const classificationReportSchema = z.object({
  kind: z.literal("classification"),
  classNames: z.array(text),
  accuracy: finite,
  perClass: z.array(
    z.object({ className: text, precision: finite, recall: finite, f1: finite, support: count }),
  ),
  macro: averages,
  weighted: averages,
  confusion: z.array(z.array(count)),
  baselineAccuracy: finite,
  baselineClass: text,
  testSize: count,
});

const regressionReportSchema = z.object({
  kind: z.literal("regression"),
  mae: finite,
  mse: finite,
  rmse: finite,
  r2: finite,
  baseline: z.object({ mae: finite, mse: finite, rmse: finite, r2: finite, value: finite }),
  testSize: count,
});

const spreadsSchema = z.partialRecord(
  z.enum([...CLASSIFICATION_FOLD_METRICS, ...REGRESSION_FOLD_METRICS]),
  z.object({ mean: finite, std: finite }),
);

/** Optional extras a report keeps (see ReportExtras): absent in reports made before them. */
const reportExtrasSchema = {
  linear: z
    .object({
      report: z.discriminatedUnion("kind", [classificationReportSchema, regressionReportSchema]),
      iterations: count,
      converged: z.boolean(),
      inputs: z.string().min(1).max(200).optional(),
    })
    .optional(),
  crossValidation: z
    .object({
      folds: z.number().int().min(2).max(10),
      completed: count,
      rows: count,
      network: spreadsSchema,
      linear: spreadsSchema.nullable(),
    })
    .optional(),
};

const pointsSchema = z.array(finite).max(MAX_KEPT_CURVE_POINTS);
const rocSchema = z
  .object({ fpr: pointsSchema, tpr: pointsSchema })
  .refine((c) => c.fpr.length === c.tpr.length, "fpr and tpr differ in length");
const prSchema = z
  .object({ precision: pointsSchema, recall: pointsSchema })
  .refine((c) => c.precision.length === c.recall.length, "precision and recall differ in length");
const averagedSchema = z.object({ macro: finite.nullable(), weighted: finite.nullable() });
const binsSchema = z.array(finite).max(1000);

/** A classification report's kept curve scores (see ReportScores): every array bounded. */
const reportScoresSchema = z.object({
  curves: z.object({
    perClass: z
      .array(
        z.object({
          classIndex: count,
          support: count,
          roc: rocSchema.nullable(),
          pr: prSchema.nullable(),
          rocAuc: finite.nullable(),
          averagePrecision: finite.nullable(),
        }),
      )
      .max(10_000),
    rocAuc: averagedSchema,
    averagePrecision: averagedSchema,
  }),
  logLoss: finite,
  calibration: z
    .array(
      z.object({
        classIndex: count,
        brier: finite,
        curve: z.object({
          fractionPositive: binsSchema,
          meanPredicted: binsSchema,
          counts: z.array(count).max(1000),
          bins: z.array(count).max(1000),
        }),
      }),
    )
    .max(10_000),
});

export const evaluationReportSchema = z.discriminatedUnion("kind", [
  classificationReportSchema.extend({
    ...reportExtrasSchema,
    scores: reportScoresSchema.optional(),
  }),
  regressionReportSchema.extend(reportExtrasSchema),
]);

export const epochMetricsSchema = z.object({
  epoch: count,
  loss: finite,
  metric: finite,
  valLoss: finite.nullable(),
  valMetric: finite.nullable(),
  numTensors: count,
  seconds: finite,
  penalty: finite.optional(),
});

/** A weight's shape: whole numbers ≥ 0 whose product stays under MAX_TENSOR_ELEMENTS. */
export const tensorShapeSchema = z
  .array(z.number().int().min(0).max(MAX_TENSOR_ELEMENTS))
  .max(8)
  .refine(
    (shape) => shape.reduce((n, d) => n * d, 1) <= MAX_TENSOR_ELEMENTS,
    `a weight may hold at most ${MAX_TENSOR_ELEMENTS} numbers`,
  );

export const storedTensorSchema = z
  .object({
    name: z.string().min(1).max(500),
    shape: tensorShapeSchema,
    values: z.instanceof(Float32Array),
  })
  .superRefine((tensor, context) => {
    const expected = tensor.shape.reduce((n, d) => n * d, 1);
    if (tensor.values.length !== expected) {
      context.addIssue({
        code: "custom",
        message: `${tensor.name} has ${tensor.values.length} numbers but its shape [${tensor.shape.join(", ")}] needs ${expected}`,
      });
    } else if (!tensor.values.every(Number.isFinite)) {
      context.addIssue({ code: "custom", message: `${tensor.name} holds NaN or infinite numbers` });
    }
  });

const rawRecordSchema = z.record(z.string(), z.string().max(100_000).nullable());

/** A sample picture: its base64 bytes must decode to exactly H × W × C bytes. */
export const sampleImageSchema = z
  .object({
    label: text,
    shape: z.tuple([
      z.number().int().min(1).max(MAX_IMAGE_SIZE),
      z.number().int().min(1).max(MAX_IMAGE_SIZE),
      z.union([z.literal(1), z.literal(3)]),
    ]),
    pixels: z.string().max(4 * Math.ceil((MAX_IMAGE_SIZE * MAX_IMAGE_SIZE * 3) / 3)),
  })
  .superRefine((sample, context) => {
    const expected = sample.shape[0] * sample.shape[1] * sample.shape[2];
    const bytes = base64ToBytes(sample.pixels);
    if (!bytes) context.addIssue({ code: "custom", message: "pixels are not base64" });
    else if (bytes.length !== expected) {
      context.addIssue({
        code: "custom",
        message: `pixels hold ${bytes.length} bytes but a ${sample.shape.join("×")} picture needs ${expected}`,
      });
    }
  });

export const trainedModelSchema = z.object({
  version: z.literal(TRAINED_MODEL_VERSION),
  name: z.string().min(1).max(200),
  spec: modelSpecSchema,
  weights: z.array(storedTensorSchema),
  preprocessing: preprocessingSchema,
  labels: z.array(text),
  task: taskSchema,
  report: evaluationReportSchema,
  trainConfig: trainConfigSchema,
  backend: z.enum(BACKEND_ORDER as [BackendName, ...BackendName[]]),
  createdAt: z.string().max(100),
  history: z.array(epochMetricsSchema),
  dataset: z.object({
    fileName: z.string().max(1_000),
    rows: count,
    split: z.object({ train: count, validation: count, test: count }),
    columns: z.array(columnName),
  }),
  sampleRows: z.array(rawRecordSchema).max(1_000),
  sampleImages: z.array(sampleImageSchema).max(MAX_SAMPLE_IMAGES).optional(),
  decisionThreshold: z.number().min(0).max(1).optional(),
  linearFit: z
    .object({
      method: z.enum(["ridge", "logistic"]),
      penalty: z.number().min(0).max(1e9),
      inputs: z.string().min(1).max(200).optional(),
    })
    .optional(),
});

/** A TrainedModel that fails its schema or comes from another version, with a reason to show. */
export class TrainedModelFormatError extends Error {
  override name = "TrainedModelFormatError";
}

/**
 * Upgrade steps, keyed by the version they upgrade FROM: `MIGRATIONS[1]` would turn a version-1
 * object into version 2. Each step takes and returns plain data and is tested with an old sample.
 * When the format changes: bump TRAINED_MODEL_VERSION, add the step here, update the schema.
 */
export const MIGRATIONS: MigrationSteps = {};

/** Layer types named by a raw spec's nodes that are not in LAYER_TYPES. */
function unknownLayerTypes(rawSpec: unknown): string[] {
  const nodes = (rawSpec as { nodes?: unknown } | null)?.nodes;
  if (!Array.isArray(nodes)) return [];
  const known = new Set<string>(LAYER_TYPES);
  const types = nodes.map((node) => (node as { type?: unknown } | null)?.type);
  return [
    ...new Set(types.filter((t) => !known.has(String(t))).map((t) => String(t).slice(0, 60))),
  ];
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (!issue) return "unknown problem";
  const path = issue.path.map(String).join(".");
  return path ? `${path}: ${issue.message}` : issue.message;
}

/**
 * Reads a TrainedModel from outside: checks its version, runs the upgrade steps from its version to
 * TRAINED_MODEL_VERSION, migrates its spec, then validates everything (finite weights whose length
 * matches their shape, at most 2^28 numbers each, known layer types). Throws TrainedModelFormatError
 * with a message a person can act on.
 */
export function migrateTrainedModel(raw: unknown, migrations = MIGRATIONS): TrainedModel {
  const current = runMigrations(raw, {
    current: TRAINED_MODEL_VERSION,
    oldest: 0,
    steps: migrations,
    fail: (failure) =>
      new TrainedModelFormatError(
        failure.kind === "unreadable"
          ? `This is not a trained model the studio can read (its version is ${JSON.stringify(failure.found) ?? "missing"}).`
          : failure.kind === "newer"
            ? `This model was saved by a newer version of the studio (format version ${failure.found}; this studio reads up to ${TRAINED_MODEL_VERSION}). Open it in a newer studio.`
            : failure.kind === "no-step"
              ? `No upgrade step from format version ${failure.from}.`
              : `The upgrade step from format version ${failure.from} failed.`,
      ),
  });
  const unknownTypes = unknownLayerTypes(current.spec);
  if (unknownTypes.length > 0) {
    throw new TrainedModelFormatError(
      `The model uses layer types this studio does not know: ${unknownTypes.join(", ")}. It may come from a newer studio; open it there.`,
    );
  }
  let spec;
  try {
    spec = migrateModelSpec(current.spec);
  } catch (error) {
    throw new TrainedModelFormatError(messageOf(error));
  }
  const parsed = trainedModelSchema.safeParse({ ...current, spec });
  if (!parsed.success) {
    throw new TrainedModelFormatError(
      `The trained model is not valid: ${describeIssue(parsed.error.issues[0])}.`,
    );
  }
  return parsed.data;
}

// A field added to TrainedModel and not to its schema (or the reverse) fails to compile here.
const modelMatchesSchema: SameFields<TrainedModel, z.infer<typeof trainedModelSchema>> = true;
void modelMatchesSchema;
