import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import type { BackendPreference } from "../core/backend/backends";
import { DEFAULT_TRAIN_CONFIG, type TrainConfig } from "../core/train/config";
import { choiceCacheKey, readCachedChoice, writeCachedChoice } from "../core/backend/choice";
import type { ModelSpec } from "../core/model/spec";
import type { Checkpoint, EpochMetrics } from "../core/train/types";
import type { FromTrainingWorker } from "../core/train/runMessages";
import type { PreparedData, PrepareReply } from "../core/data/preparedData";
import {
  pictureRunData,
  tableRunData,
  trainRequestOf,
  type FoldsKept,
  type RunData,
} from "../core/train/trainRequest";
import { assembleTrainedModel } from "../core/project/assembleTrainedModel";
import { prepareImageRun } from "../core/data/images/imageRun";
import type { ImageDataset } from "../core/data/images/types";
import type { SampleImage } from "../core/project/sampleImages";
import { buildEvaluation } from "../core/eval/evaluation";
import { selectInputsKey, selectPlanChoices, selectTrainBlocker } from "./selectors";
import { selectTable } from "./loadedData";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";
import {
  describeNote,
  foldSummary,
  IDLE_RUN,
  runReportOf,
  type TrainingRun,
} from "../core/train/trainingRun";

/** How often live training progress reaches the page's state (and so the charts). */
const UPDATE_INTERVAL_MS = 400;

/** How much of the per-batch loss history the chart keeps. */
const MAX_BATCH_LOSSES = 5000;

export type { TrainingRun, TrainingState } from "../core/train/trainingRun";

export interface TrainingSlice {
  trainConfig: TrainConfig;
  backendPreference: BackendPreference;
  run: TrainingRun;
  /** The running run's last end-of-epoch checkpoint (the project keeps it to resume after a reload). */
  runCheckpoint: Checkpoint | null;
  /** What the run in flight started from, to make its report and TrainedModel when it ends. */
  runContext: RunContext | null;
  /**
   * Progress received since the charts were last redrawn: filled in place as messages arrive (so
   * they do not each notify the page), taken into `run` a few times a second, replaced on reset.
   */
  progressBuffer: ProgressBuffer;
  setTrainConfig: (patch: Partial<TrainConfig>) => void;
  setBackendPreference: (preference: BackendPreference) => void;
  /** Starts a run; with `resume`, goes on from that run's checkpoint under the same id. */
  startTraining: (resume?: { runId: string; checkpoint: Checkpoint }) => Promise<void>;
  stopTraining: () => void;
  /** Ends a running training at once, without a report (the data under it has gone). */
  cancelTraining: () => void;
  /** Forgets the last run (curves, status, notes) and ends it if it is running: new data. */
  clearRun: () => void;
}

/** What the run in flight started from (see TrainingSlice.runContext). */
export interface RunContext {
  prepared: PreparedData;
  inputsKey: string;
  spec: ModelSpec;
  config: TrainConfig;
  fileName: string;
  /** Where a measured choice for this model and device is kept. */
  choiceKey: string;
  /** Image runs: the test pictures the TrainedModel keeps. */
  sampleImages?: SampleImage[];
  /** Cross-validation: what the page keeps of each fold's held-out rows to score them. */
  cv: FoldsKept | null;
}

export interface ProgressBuffer {
  losses: number[];
  epochs: EpochMetrics[];
  progress: TrainingRun["progress"];
  /** The redraw waiting to happen, if any. */
  timer: ReturnType<typeof setTimeout> | null;
}

const emptyProgressBuffer = (): ProgressBuffer => ({
  losses: [],
  epochs: [],
  progress: null,
  timer: null,
});

/** The training slice's data at start (default settings, no run): also a new project's. */
export const initialTrainingState = (): SliceData<TrainingSlice> => ({
  trainConfig: DEFAULT_TRAIN_CONFIG,
  backendPreference: "auto",
  run: IDLE_RUN,
  runCheckpoint: null,
  runContext: null,
  progressBuffer: emptyProgressBuffer(),
});

/**
 * Makes run ids unique within the page. Kept outside the store on purpose: a reset must not
 * reset it, or a new run could take the id of a run a project still keeps.
 */
let runCounter = 0;

export const createTrainingSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], TrainingSlice> =>
  (set, get) => {
    const updateRun = (patch: Partial<TrainingRun>) => set({ run: { ...get().run, ...patch } });

    // Progress arrives many times a second; the page takes it in a few times a second, so redrawing
    // the charts never crowds out what a person does meanwhile.
    const flush = () => {
      const buffer = get().progressBuffer;
      if (buffer.timer) clearTimeout(buffer.timer);
      buffer.timer = null;
      if (buffer.losses.length === 0 && buffer.epochs.length === 0 && !buffer.progress) return;
      const { run } = get();
      const losses =
        buffer.losses.length > 0 ? [...run.batchLosses, ...buffer.losses] : run.batchLosses;
      set({
        run: {
          ...run,
          batchLosses: losses.length > MAX_BATCH_LOSSES ? losses.slice(-MAX_BATCH_LOSSES) : losses,
          history: buffer.epochs.length > 0 ? [...run.history, ...buffer.epochs] : run.history,
          progress: buffer.progress ?? run.progress,
        },
        progressBuffer: emptyProgressBuffer(),
      });
    };
    const scheduleFlush = () => {
      const buffer = get().progressBuffer;
      buffer.timer ??= setTimeout(flush, UPDATE_INTERVAL_MS);
    };
    /** A fresh buffer (with no flush waiting), to set with the run it starts or ends. */
    const freshBuffer = () => {
      const { timer } = get().progressBuffer;
      if (timer) clearTimeout(timer);
      return emptyProgressBuffer();
    };

    const onMessage = (message: FromTrainingWorker) => {
      const explicit = get().backendPreference !== "auto";
      const report = runReportOf(message);
      if (report) return updateRun(report);
      switch (message.type) {
        case "backend-choice": {
          updateRun({ choice: { ...message.choice, cached: message.cached } });
          const context = get().runContext;
          if (!message.cached && context)
            writeCachedChoice(services.backendChoices, context.choiceKey, message.choice);
          break;
        }
        case "backend-note": {
          const text = describeNote(message.note);
          if (explicit && message.note.backend === get().backendPreference)
            updateRun({ error: text });
          else updateRun({ notes: [...get().run.notes, text] });
          break;
        }
        case "batches":
          get().progressBuffer.losses.push(...message.losses);
          get().progressBuffer.progress = {
            epoch: message.epoch,
            batch: message.batch,
            batches: message.batches,
            samplesPerSecond: message.samplesPerSecond,
          };
          scheduleFlush();
          break;
        case "fold":
          flush();
          updateRun({ fold: { fold: message.fold, folds: message.folds, epoch: message.epoch } });
          break;
        case "epoch":
          get().progressBuffer.epochs.push(message.metrics);
          scheduleFlush();
          set({ runCheckpoint: message.checkpoint });
          break;
        case "done": {
          flush();
          services.training.finish(message.runId);
          const context = get().runContext;
          set({ runContext: null });
          if (!context) return;
          const evaluation = buildEvaluation({
            prepared: context.prepared,
            testOutputs: message.testOutputs,
            outputSize: message.outputSize,
            inputsKey: context.inputsKey,
            outcome: message.outcome,
            backend: message.backend,
            linear: message.linear,
            crossValidation: context.cv ? foldSummary(context.cv, message.folds ?? []) : null,
            parts: message.reportParts,
          });
          const trainedModel = assembleTrainedModel({
            fileName: context.fileName,
            prepared: context.prepared,
            spec: context.spec,
            config: context.config,
            weights: message.weights,
            evaluation,
            outcome: message.outcome,
            backend: message.backend,
            sampleImages: context.sampleImages,
          });
          set({
            evaluation,
            trainedModel,
            trainedModelOrigin: "training",
          });
          updateRun({
            state: message.outcome.reason === "stopped" ? "stopped" : "done",
            reason: message.outcome.reason,
            backend: message.backend,
            fold: null,
          });
          break;
        }
        case "error":
          flush();
          services.training.finish(message.runId);
          set({ runContext: null });
          updateRun({ state: "error", error: message.message });
          break;
      }
    };

    /**
     * Starts the trainer on a run's data with the model and settings of `state` (the store as it
     * was when Train was pressed), keeping what the report will need when the run ends.
     */
    const launch = (
      state: StudioState,
      run: RunData,
      context: { runId: string; fileName: string; sampleImages?: SampleImage[] },
      extra: Pick<Parameters<typeof trainRequestOf>[1], "resumeFrom" | "pretrained">,
    ) => {
      const { spec, trainConfig: config, backendPreference: preference } = state;
      const choiceKey = choiceCacheKey({
        spec,
        featureCount: run.payload.data.featureCount,
        batchSize: config.batchSize,
        device: services.deviceDescription(),
      });
      const inputsKey = selectInputsKey(state);
      set({
        runContext: {
          ...context,
          inputsKey,
          prepared: run.kept,
          spec,
          config,
          choiceKey,
          cv: run.cv,
        },
      });
      const cachedChoice =
        preference === "auto" ? readCachedChoice(services.backendChoices, choiceKey) : null;
      const request = { runId: context.runId, spec, config, preference, cachedChoice, ...extra };
      services.training.start(trainRequestOf(run, request), onMessage);
    };

    /** Marks a run as started (its curves from the checkpoint it resumes from, if any). */
    const begin = (runId: string, task: TrainingRun["task"], resumeFrom: Checkpoint | null) => {
      set({
        progressBuffer: freshBuffer(),
        run: { ...IDLE_RUN, state: "running", runId, task, history: resumeFrom?.history ?? [] },
        runCheckpoint: resumeFrom,
      });
    };

    /** Images: split on the page (bytes only), then train in the worker a batch at a time. */
    const startImageTraining = (
      dataset: ImageDataset,
      resume?: { runId: string; checkpoint: Checkpoint },
    ) => {
      const state = get();
      const runId = resume?.runId ?? `run-${Date.now()}-${++runCounter}`;
      const { spec, trainConfig: config } = state;
      const frozen = spec.nodes.some((n) => n.trainable === false);
      // A run on a pretrained block trains its head on cached features and keeps no checkpoint to
      // go on from: resuming it starts it again (the note offering Resume says so).
      const resumeFrom = resume && !frozen ? resume.checkpoint : null;
      begin(runId, "classification", resumeFrom);
      // Cross-validation trains the spec from scratch on each fold: not a pretrained block's head,
      // which trains on cached features (the settings say so).
      const cvFolds = config.crossValidation?.enabled && !frozen ? config.crossValidation.folds : 0;
      const split = prepareImageRun(dataset, state.split, config.seed, state.augmentation, cvFolds);
      set({ imageTestImages: split.testImages });
      const backbone = state.pretrained?.backbone;
      if (frozen && !backbone) {
        updateRun({
          state: "error",
          error:
            "The pretrained block's weights are not loaded in this page: load the pretrained model again (Start from a pretrained model), then train.",
        });
        return;
      }
      const fineTune = state.fineTune.layers > 0 ? state.fineTune : null;
      launch(
        state,
        pictureRunData(split),
        { runId, fileName: dataset.sourceName, sampleImages: split.sampleImages },
        {
          resumeFrom,
          pretrained: frozen && backbone ? { weights: backbone.weights, fineTune } : null,
        },
      );
    };

    return {
      ...initialTrainingState(),

      setTrainConfig: (patch) => {
        set({ trainConfig: { ...get().trainConfig, ...patch } });
      },
      setBackendPreference: (backendPreference) => set({ backendPreference }),

      startTraining: async (resume) => {
        const state = get();
        const blocker = selectTrainBlocker(state);
        const choices = selectPlanChoices(state);
        if (!blocker && state.dataset.kind === "pictures") {
          startImageTraining(state.dataset.pictures, resume);
          return;
        }
        if (blocker || !choices) {
          updateRun({ ...IDLE_RUN, state: "error", error: blocker ?? "Training cannot start." });
          return;
        }
        const runId = resume?.runId ?? `run-${Date.now()}-${++runCounter}`;
        begin(runId, state.task, resume?.checkpoint ?? null);
        // The data worker splits and transforms the table; the page never holds the table itself.
        let reply: PrepareReply;
        try {
          const cv = state.trainConfig.crossValidation;
          reply = await services.data.prepare(
            choices.datasetId,
            choices.plan,
            cv?.enabled ? cv.folds : 0,
          );
        } catch (error) {
          reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
        }
        if (get().run.runId !== runId) return;
        if (!reply.ok) {
          updateRun({ state: "error", error: reply.problem });
          return;
        }
        launch(
          state,
          tableRunData(state.task, reply.data),
          { runId, fileName: selectTable(state)?.fileName ?? "data.csv" },
          { resumeFrom: resume?.checkpoint ?? null, pretrained: null },
        );
      },

      stopTraining: () => {
        if (get().run.state !== "running") return;
        // Still preparing the data: nothing has trained yet, so stopping simply calls the run off.
        if (services.training.isActive()) services.training.stop();
        else get().cancelTraining();
      },

      cancelTraining: () => {
        if (get().run.state !== "running") return;
        services.training.cancel();
        set({ run: { ...IDLE_RUN }, runContext: null, progressBuffer: freshBuffer() });
      },

      clearRun: () => {
        get().cancelTraining();
        set({ run: { ...IDLE_RUN } });
      },
    };
  };
