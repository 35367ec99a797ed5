import { runDataMismatch, type DataIdentity } from "../core/project/runData";
import type { ImageDataset } from "../core/data/images/types";
import { sampleImagePixels } from "../core/project/sampleImages";
import type { TrainedModel } from "../core/project/trainedModel";
import { splitProblem } from "../core/data/split";
import type { ColumnSettings, SplitFractions, TaskKind } from "../core/data/types";
import { dataFitProblems, type DataFitProblem } from "../core/model/fit";
import { analyzeGraph, type GraphAnalysis } from "../core/model/graph";
import type { ModelSpec } from "../core/model/spec";
import type { DataShape } from "../core/model/templates";
import { trainConfigProblems, type TrainConfig } from "../core/train/config";
import type { PlanChoices, PlanReply } from "../core/data/preparedData";
import { memoizeLast } from "./memo";
import { selectPictures, selectTable } from "./loadedData";

export {
  selectPictures,
  selectPictureSource,
  selectProfiles,
  selectTable,
  selectTableFile,
} from "./loadedData";
import type { StudioState } from "./index";

const choicesMemo = memoizeLast(
  (
    datasetId: string | null,
    settings: ColumnSettings[],
    target: string | null,
    task: TaskKind,
    fractions: SplitFractions,
    seed: number,
  ): { key: string; datasetId: string; plan: PlanChoices } | null => {
    // An invalid split has no plan (selectTrainBlocker says why); the last valid one is not reused.
    if (!datasetId || !target || splitProblem(fractions)) return null;
    const plan = { settings, target, task, fractions, seed };
    return { key: JSON.stringify({ datasetId, ...plan }), datasetId, plan };
  },
);

/** The table's state: a file being read (its progress shows), one loaded, or none. */
export const selectDatasetStatus = (state: StudioState): "empty" | "parsing" | "ready" =>
  state.parseProgress ? "parsing" : state.dataset.kind === "table" ? "ready" : "empty";

/** The pictures' state: being decoded (their progress shows), decoded, or none. */
export const selectImageStatus = (state: StudioState): "empty" | "loading" | "ready" =>
  state.imageProgress ? "loading" : state.dataset.kind === "pictures" ? "ready" : "empty";

/** The choices that decide the split and preprocessing, with a key that changes when they do. */
export const selectPlanChoices = (state: StudioState) =>
  choicesMemo(
    selectTable(state)?.id ?? null,
    state.columnSettings,
    state.target,
    state.task,
    state.split,
    state.trainConfig.seed,
  );

/** The split and fitted preprocessing for the current choices; null while the worker works. */
export function selectPlan(state: StudioState): PlanReply | null {
  const choices = selectPlanChoices(state);
  if (!choices || state.planned?.key !== choices.key) return null;
  return state.planned.reply;
}

const analysisMemo = memoizeLast((spec: ModelSpec) => analyzeGraph(spec));
export const selectAnalysis = (state: StudioState) => analysisMemo(state.spec);

/**
 * True before any data (no table and no pictures) while the proposed model is untouched: its
 * input and head follow the data, so it means nothing yet and is not shown.
 */
export const selectWaitingForData = (state: StudioState): boolean =>
  state.dataset.kind === "none" && state.specIsDefault;

const shapeMemo = memoizeLast(
  (featureCount: number, task: TaskKind, classCount: number, rows: number): DataShape => ({
    featureCount,
    task,
    classCount,
    rows,
  }),
);

/** What the data asks of the model's input and head, or null while there is no plan. */
export function dataShapeOf(state: StudioState): DataShape | null {
  const plan = selectPlan(state);
  if (!plan?.ok) return null;
  return shapeMemo(
    plan.plan.featureCount,
    state.task,
    plan.plan.classNames.length,
    plan.plan.sizes.train,
  );
}

const fitMemo = memoizeLast((spec: ModelSpec, analysis: GraphAnalysis, shape: DataShape | null) =>
  shape ? dataFitProblems(spec, analysis, shape) : [],
);

/** Mismatches between the model's ends and the data (wrong head, several inputs or outputs). */
export const selectDataFitProblems = (state: StudioState): DataFitProblem[] =>
  fitMemo(state.spec, selectAnalysis(state), dataShapeOf(state));

const configProblemsMemo = memoizeLast((config: TrainConfig) => trainConfigProblems(config));

/** Why images cannot train now: the split, the model, its Input against [H, W, C], the settings. */
function imageTrainBlocker(state: StudioState, dataset: ImageDataset): string | null {
  if (selectImageStatus(state) === "loading") return "Decoding the images…";
  const split = splitProblem(state.split);
  if (split) return split;
  const analysis = selectAnalysis(state);
  if (!analysis.isValid) return `The model has a problem: ${analysis.problems[0]?.message ?? ""}`;
  const expected = [dataset.size, dataset.size, dataset.channels];
  const input = state.spec.nodes.find((n) => n.id === state.spec.inputs[0]);
  const shape = input?.params.shape;
  if (!Array.isArray(shape) || shape.join(",") !== expected.join(",")) {
    return `The model's Input takes [${Array.isArray(shape) ? shape.join(", ") : "?"}] but the images are [${expected.join(", ")}]. Set the Input's shape to [${expected.join(", ")}].`;
  }
  const problems = configProblemsMemo(state.trainConfig);
  if (problems.length > 0) return problems.join(" ");
  return null;
}

/** Why training cannot start now, or null when it can. */
export function selectTrainBlocker(state: StudioState): string | null {
  const pictures = selectPictures(state);
  if (pictures) return imageTrainBlocker(state, pictures);
  if (state.dataset.kind === "none") return "Load a dataset first.";
  if (!state.target) return "Choose the column to predict.";
  // Checked before the plan: an invalid split has no plan, and the old one must not be used.
  const split = splitProblem(state.split);
  if (split) return split;
  const plan = selectPlan(state);
  if (!plan) return "Preparing the data…";
  if (!plan.ok) return plan.problem;
  const analysis = selectAnalysis(state);
  if (!analysis.isValid) return `The model has a problem: ${analysis.problems[0]?.message ?? ""}`;
  const fit = selectDataFitProblems(state)[0];
  if (fit) return `The model does not fit the data: ${fit.message}`;
  const problems = configProblemsMemo(state.trainConfig);
  if (problems.length > 0) return problems.join(" ");
  return null;
}

const keyMemo = memoizeLast((choicesKey: string | null, spec: ModelSpec, config: TrainConfig) =>
  JSON.stringify({ choicesKey, spec, config }),
);

/** A fingerprint of everything a report depends on; a report made under another one is stale. */
export const selectInputsKey = (state: StudioState): string =>
  keyMemo(
    state.dataset.kind === "pictures"
      ? imageChoicesKey(state.dataset.pictures, state)
      : (selectPlanChoices(state)?.key ?? null),
    state.spec,
    state.trainConfig,
  );

/** What an image report depends on besides the model and settings: the pictures, split, augmentation. */
function imageChoicesKey(dataset: ImageDataset, state: StudioState): string {
  const { sourceName, count, size, channels, fit } = dataset;
  return JSON.stringify({
    sourceName,
    count,
    size,
    channels,
    fit,
    split: state.split,
    augmentation: state.augmentation,
  });
}

export const selectReportIsStale = (state: StudioState): boolean =>
  state.evaluation !== null && state.evaluation.inputsKey !== selectInputsKey(state);

/** Pictures try-it can cycle through: bytes [count, size, size, channels] and each one's class. */
export interface TryPictures {
  pixels: Uint8Array;
  count: number;
  /** The true class of each picture, when known. */
  labels: Array<string | null>;
}

/** The model's own sample pictures (kept with it, so an imported or reopened model has some). */
function samplePicturesOf(model: TrainedModel, perImage: number): TryPictures | null {
  const image = model.preprocessing.image;
  const pictures = (model.sampleImages ?? []).flatMap((sample) => {
    const [height, width, channels] = sample.shape;
    if (height !== image?.size || width !== image.size || channels !== image.channels) return [];
    try {
      const pixels = sampleImagePixels(sample);
      return pixels.length === perImage ? [{ pixels, label: sample.label }] : [];
    } catch {
      return [];
    }
  });
  if (pictures.length === 0) return null;
  const pixels = new Uint8Array(pictures.length * perImage);
  pictures.forEach((picture, i) => pixels.set(picture.pixels, i * perImage));
  return { pixels, count: pictures.length, labels: pictures.map((p) => p.label) };
}

const tryPicturesOf = memoizeLast(
  (
    model: StudioState["trainedModel"],
    test: StudioState["imageTestImages"],
    dataset: ImageDataset | null,
  ): TryPictures | null => {
    const image = model?.preprocessing.image;
    if (!model || !image) return null;
    const perImage = image.size * image.size * image.channels;
    // The session's test pictures fit only a model of their size, channels and classes (an
    // imported model, or one trained before the settings changed, may differ); else the
    // model's own sample pictures.
    const sameClasses = image.classNames.join("\n") === dataset?.classNames.join("\n");
    if (
      !test ||
      !dataset ||
      test.indices.length === 0 ||
      test.pixels.length !== test.indices.length * perImage ||
      !sameClasses
    ) {
      return samplePicturesOf(model, perImage);
    }
    return {
      pixels: test.pixels,
      count: test.indices.length,
      labels: test.indices.map((i) => dataset.classNames[dataset.labels[i] ?? -1] ?? null),
    };
  },
);

/** The test pictures of this session that suit the current model, or null. */
export const selectTryPictures = (state: StudioState): TryPictures | null =>
  tryPicturesOf(state.trainedModel, state.imageTestImages, selectPictures(state));

/** The loaded data as a person tells it apart: name and size (null when nothing is loaded). */
export const selectLoadedData = (state: StudioState): DataIdentity | null => {
  const { dataset } = state;
  if (dataset.kind === "pictures")
    return { name: dataset.pictures.sourceName, rows: dataset.pictures.count, kind: "images" };
  if (dataset.kind === "table")
    return { name: dataset.table.fileName, rows: dataset.table.rowCount, kind: "table" };
  return null;
};

/** What a kept run's report is compared with to tell whether it is fresh (see evaluationOfRun). */
export const selectDataOnScreen = (state: StudioState) => ({
  inputsKey: selectInputsKey(state),
  loadedData: selectLoadedData(state),
});

/** Why the report on screen (a kept run's) describes other data than the loaded one, if it does. */
export const selectRunDataMismatch = (state: StudioState): string | null => {
  if (!state.evaluation || !state.currentRunId) return null;
  const run = state.projectRuns.find((entry) => entry.id === state.currentRunId);
  return runDataMismatch(run?.trainedOn, selectLoadedData(state));
};
