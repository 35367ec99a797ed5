import type { DataIdentity } from "./runData";
import type { BackendName, BackendPreference } from "../backend/backends";
import type { AugmentationSettings } from "../data/images/augment";
import type { ColumnSettings, SplitFractions, TaskKind } from "../data/types";
import type { PredictionsCsvInput } from "../eval/predictionsCsv";
import type { EvaluationReport } from "../eval/types";
import type { Layout } from "../model/layout";
import type { ModelSpec } from "../model/spec";
import type { TrainConfig } from "../train/config";
import type { Checkpoint, EpochMetrics, TrainOutcome } from "../train/types";
import type { TrainedModel } from "./trainedModel";

/** The one constant for the current Project format; bump it with a step in PROJECT_MIGRATIONS. */
export const PROJECT_VERSION = 3;

/**
 * Where a project's dataset lives in storage, by content hash (hex SHA-256): a table is the file's
 * original bytes (hash of those bytes); images are the decoded pixels with their labels (hash from
 * `imageDatasetHash`). `fileName` is the file's or the dropped zip's/folder's name.
 */
export interface DatasetRef {
  kind: "table" | "images";
  hash: string;
  fileName: string;
  /** Bytes stored (the file, or the pixels). */
  size: number;
}

/** A run's report as the evaluation section shows it (the metrics, the test predictions, the plot). */
export interface RunEvaluation {
  report: EvaluationReport;
  predictions: PredictionsCsvInput;
  points: Array<{ actual: number; predicted: number }>;
  outcome: TrainOutcome;
  backend: BackendName;
  targetName: string;
}

/** One training run, kept in its project: what it trained, how, and what came of it. */
export interface ProjectRun {
  id: string;
  /** ISO 8601. */
  startedAt: string;
  config: TrainConfig;
  spec: ModelSpec;
  layout: Layout;
  /** The data choices it trained on (column settings, target, task, split). */
  data: { columnSettings: ColumnSettings[]; target: string; task: TaskKind; split: SplitFractions };
  history: EpochMetrics[];
  report: EvaluationReport;
  evaluation: RunEvaluation | null;
  /** The trained model; absent once its weights were dropped to save space (the report stays). */
  model?: TrainedModel;
  backend: BackendName;
  /** Training time: the sum of the epochs' seconds. */
  seconds: number;
  /** The data it trained on (absent in runs saved before it was kept): see runData.ts. */
  trainedOn?: DataIdentity;
}

/** A run a reload or a closed tab cut short: its last end-of-epoch checkpoint, to resume from. */
export interface InterruptedRun {
  id: string;
  startedAt: string;
  config: TrainConfig;
  spec: ModelSpec;
  layout: Layout;
  data: ProjectRun["data"];
  backendPreference: BackendPreference;
  checkpoint: Checkpoint;
}

/**
 * The hosted link this project's model was shared as: this browser holds its owner token (the only
 * key to publish a new version or take it down), kept with the project so a reload keeps control.
 */
export interface ProjectHostedShare {
  id: string;
  /** The absolute link, as it was sent. */
  url: string;
  version: number;
  ownerToken: string;
  /** `createdAt` of the model the current version was made from (to tell whether it is current). */
  modelCreatedAt: string;
}

/** Everything a person made in the studio, saved in the browser (IndexedDB) and brought back. */
export interface Project {
  version: typeof PROJECT_VERSION;
  id: string;
  name: string;
  /** ISO 8601. */
  createdAt: string;
  updatedAt: string;
  /** Goes up by one with every save; a tab whose save finds a higher one lost a race to another tab. */
  revision: number;
  dataset: DatasetRef | null;
  columnSettings: ColumnSettings[];
  target: string | null;
  task: TaskKind;
  split: SplitFractions;
  spec: ModelSpec;
  layout: Layout;
  /** The model is the one the studio proposed (it follows the data). */
  specIsDefault: boolean;
  trainConfig: TrainConfig;
  backendPreference: BackendPreference;
  /** Oldest first. */
  runs: ProjectRun[];
  /** The run whose report and model the studio shows, if any. */
  currentRunId: string | null;
  interrupted: InterruptedRun | null;
  /** Absent in projects saved before hosted links were kept (still format 2: the field is optional). */
  hostedShare?: ProjectHostedShare;
  /** Image projects: the augmentation the next run uses (absent: the default, off). */
  augmentation?: AugmentationSettings;
}

/** The list entry of a project: enough to show it without reading its runs. */
export interface ProjectSummary {
  id: string;
  name: string;
  updatedAt: string;
  datasetName: string | null;
  runCount: number;
  /** Estimated bytes of the project's own records: settings, runs with their models, checkpoint. */
  storedBytes?: number;
  /** Bytes of its dataset, stored once however many projects use it. */
  datasetBytes?: number;
}

export function summarizeProject(project: Project): ProjectSummary {
  return {
    id: project.id,
    name: project.name,
    updatedAt: project.updatedAt,
    datasetName: project.dataset?.fileName ?? null,
    runCount: project.runs.length,
    datasetBytes: project.dataset?.size ?? 0,
  };
}
