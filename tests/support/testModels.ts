/**
 * Test support (Node only): real TrainedModels made from real tables, the way the studio makes
 * them — parse, plan, prepare, build, train a few epochs, evaluate on the test split.
 */
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { defaultColumnSettings, profileColumns } from "../../src/core/data/columns";
import { parseCsvText } from "../../src/core/data/csv";
import { dateFeatureNames, dateFeatures, parseDateDays } from "../../src/core/data/dates";
import { materializeSplits, planDataset, rawTargets } from "../../src/core/data/prepare";
import { inverseTarget } from "../../src/core/data/preprocess";
import type {
  FittedColumnTransform,
  ParsedTable,
  Preprocessing,
  TaskKind,
} from "../../src/core/data/types";
import { DATE_FEATURES } from "../../src/core/data/types";
import { argmaxRows, classificationReport, regressionReport } from "../../src/core/eval/metrics";
import { fitLinearBaseline, predictLinearBaseline } from "../../src/core/eval/linearBaseline";
import { linearTrainedModel } from "../../src/core/project/linearTrainedModel";
import { buildModel } from "../../src/core/model/build";
import type { ModelSpec } from "../../src/core/model/spec";
import { mlpSpec } from "../../src/core/model/templates";
import { DEFAULT_TRAIN_CONFIG } from "../../src/core/train/config";
import { trainLoop } from "../../src/core/train/loop";
import { predictRows } from "../../src/core/train/predictRows";
import { storeModelWeights } from "../../src/core/train/state";
import type { TrainingData } from "../../src/core/train/types";
import {
  TRAINED_MODEL_VERSION,
  type RawRecord,
  type TrainedModel,
} from "../../src/core/project/trainedModel";

export interface TestModelOptions {
  /** Path from the repository root, e.g. `public/samples/iris.csv`. */
  file: string;
  target: string;
  task: TaskKind;
  epochs?: number;
  /** Columns read as ISO dates (fitted here when this branch's column typing does not). */
  dateColumns?: string[];
  /** Build a different network for the prepared data. */
  spec?: (featureCount: number, classCount: number) => ModelSpec;
}

const repoFile = (path: string) => readFileSync(new URL(`../../${path}`, import.meta.url), "utf8");

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
function populationStd(values: number[]): number {
  const center = mean(values);
  const result = Math.sqrt(mean(values.map((v) => (v - center) ** 2)));
  return result > 0 ? result : 1;
}

/** A date transform fitted on the training rows: fill with the median day, origin the earliest. */
function fitDate(table: ParsedTable, column: string, trainRows: number[]): FittedColumnTransform {
  const cells = table.columns[table.headers.indexOf(column)] ?? [];
  const days = trainRows.map((r) => parseDateDays(cells[r] ?? "", "iso"));
  const present = days.filter(Number.isFinite).sort((a, b) => a - b);
  const fillValue = present[present.length >> 1] ?? 0;
  const origin = present[0] ?? 0;
  const features = days.map((d) => dateFeatures(Number.isFinite(d) ? d : fillValue, origin));
  const scales = DATE_FEATURES.map((name) => {
    const values = features.map((f) => f[name]);
    return { mean: mean(values), std: populationStd(values) };
  });
  return { kind: "date", column, order: "iso", fillValue, origin, scales };
}

function withDates(prep: Preprocessing, table: ParsedTable, columns: string[], train: number[]) {
  const missing = columns.filter((c) => !prep.inputs.some((t) => t.column === c));
  const dates = missing.map((c) => fitDate(table, c, train));
  return {
    ...prep,
    inputs: [...prep.inputs, ...dates],
    featureNames: [...prep.featureNames, ...missing.flatMap(dateFeatureNames)],
  };
}

/** A real table planned and split as the studio does (seed 42, 70/15/15). */
export async function prepareTestTable(options: TestModelOptions) {
  const fileName = options.file.split("/").pop() ?? options.file;
  const table = await parseCsvText(repoFile(options.file), fileName);
  const profiles = profileColumns(table);
  const dateColumns = options.dateColumns ?? [];
  const settings = profiles.map(defaultColumnSettings).map((s) => {
    const isDate = dateColumns.includes(s.name);
    return isDate && s.type !== "date" ? { ...s, use: false } : s;
  });
  const planned = planDataset({
    table,
    profiles,
    settings,
    target: options.target,
    task: options.task,
    fractions: { train: 0.7, validation: 0.15, test: 0.15 },
    seed: 42,
  });
  if (!planned.ok) throw new Error(planned.problem);
  const plan = { ...planned.plan };
  plan.preprocessing = withDates(plan.preprocessing, table, dateColumns, plan.split.train);
  plan.featureCount = plan.preprocessing.featureNames.length;
  const data = materializeSplits(table, plan);
  return { fileName, table, plan, data };
}

/** Trains a small model on a real table and returns it as the studio would keep it. */
export async function makeTrainedModel(options: TestModelOptions): Promise<TrainedModel> {
  const { fileName, table, plan, data } = await prepareTestTable(options);
  const classCount = plan.classNames.length;
  const featureCount = plan.featureCount;
  const spec =
    options.spec?.(featureCount, classCount) ??
    mlpSpec(
      {
        hidden: [{ units: 12, activation: "relu", dropout: 0 }],
        batchNorm: false,
      },
      { featureCount, task: options.task, classCount },
    );
  const config = { ...DEFAULT_TRAIN_CONFIG, epochs: options.epochs ?? 5, batchSize: 16 };
  const model = buildModel(tf, spec, { seed: config.seed });
  const trainingData: TrainingData = {
    task: options.task,
    featureCount,
    classCount,
    train: data.train,
    validation: data.validation,
    targetScale:
      plan.preprocessing.label.kind === "standardized" ? plan.preprocessing.label.std : 1,
  };
  const outcome = await trainLoop(model, trainingData, config);
  const weights = await storeModelWeights(model);
  const output = await predictRows(model, data.test.x, data.test.rows, featureCount);
  model.dispose();

  const report =
    options.task === "classification"
      ? classificationReport(
          Array.from(data.test.y),
          argmaxRows(output, classCount),
          plan.classNames,
          Array.from(data.train.y),
        )
      : regressionReport(
          rawTargets(table, plan.preprocessing, data.test.rowIndices),
          Array.from(output, (v) => inverseTarget(plan.preprocessing, v)),
          rawTargets(table, plan.preprocessing, data.train.rowIndices),
        );
  const columns = [...plan.preprocessing.inputs.map((t) => t.column), options.target];
  const recordOf = (row: number): RawRecord =>
    Object.fromEntries(
      columns.map((c) => [c, table.columns[table.headers.indexOf(c)]?.[row] ?? null]),
    );
  return {
    version: TRAINED_MODEL_VERSION,
    name: `${fileName.replace(/\.csv$/, "")} ${options.target}`,
    spec,
    weights,
    preprocessing: plan.preprocessing,
    labels: plan.classNames,
    task: options.task,
    report,
    trainConfig: config,
    backend: "cpu",
    createdAt: "2026-11-29T20:00:00.000Z",
    history: outcome.history,
    dataset: {
      fileName,
      rows: plan.split.train.length + plan.split.validation.length + plan.split.test.length,
      split: {
        train: plan.split.train.length,
        validation: plan.split.validation.length,
        test: plan.split.test.length,
      },
      columns,
    },
    sampleRows: data.test.rowIndices.slice(0, 20).map(recordOf),
  };
}

/**
 * "Use the linear model" on a real table: the network trained beside it (one epoch), then the
 * linear model fitted on the same training split as the training worker fits it, kept as a
 * TrainedModel (linearTrainedModel). Also returns the fitted model and the test rows it answers.
 */
export async function makeLinearModel(options: TestModelOptions) {
  const network = await makeTrainedModel({ ...options, epochs: 1 });
  const { table, plan, data } = await prepareTestTable(options);
  const classCount = plan.classNames.length;
  const fitted = fitLinearBaseline(data.train, options.task, classCount);
  const outputs = predictLinearBaseline(fitted, data.test.x, data.test.rows);
  const report =
    options.task === "classification"
      ? classificationReport(
          Array.from(data.test.y),
          argmaxRows(Array.from(outputs), classCount),
          plan.classNames,
          Array.from(data.train.y),
        )
      : regressionReport(
          rawTargets(table, plan.preprocessing, data.test.rowIndices),
          Array.from(outputs, (v) => inverseTarget(plan.preprocessing, v)),
          rawTargets(table, plan.preprocessing, data.train.rowIndices),
        );
  const model = linearTrainedModel({
    network,
    fitted,
    report,
    createdAt: "2026-12-07T14:00:00.000Z",
  });
  return { model, network, fitted, outputs, test: data.test };
}

/** Iris classification trained for a few epochs: the small real model many tests ask things of. */
export function makeIrisModel(epochs = 2): Promise<TrainedModel> {
  return makeTrainedModel({
    file: "public/samples/iris.csv",
    target: "species",
    task: "classification",
    epochs,
  });
}
