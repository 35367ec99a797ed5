import { messageOf } from "../core/errors";
import type { StudioServices } from "../services/studioServices";
import type { StateCreator } from "zustand";
import { defaultColumnSettings, guessTargetColumn, inferTask } from "../core/data/columns";
import { projectNameForData } from "../core/project/projectName";
import type { ColumnSettings, SplitFractions, TaskKind } from "../core/data/types";
import { LoadCancelledError } from "../services/dataService";
import type { PlanReply } from "../core/data/preparedData";
import { dataUndoOf, type DataUndo } from "./dataReplacement";
import { selectInputsKey, selectPlanChoices } from "./selectors";
import { NO_DATA, selectProfiles, type LoadedData } from "./loadedData";
import type { StudioState } from "./index";
import type { SliceData } from "./storageClasses";

export type { LoadedDatasetState } from "./loadedData";

/**
 * One load of a table (a file, or the one an undo reads again): a newer load, or a reset of the
 * project, replaces it in the store, and the older load's answer is then dropped.
 */
export interface LoadTicket {
  readonly name: string;
}

export interface DatasetSlice {
  /** The load in flight or last made (see LoadTicket). */
  datasetLoad: LoadTicket | null;
  /** The file being read, while it is (selectDatasetStatus says "parsing"). */
  parseProgress: { fileName: string; bytesRead: number; totalBytes: number } | null;
  /** The loaded data: none, a table, or pictures (see LoadedData and its selectors). */
  dataset: LoadedData;
  columnSettings: ColumnSettings[];
  target: string | null;
  task: TaskKind;
  split: SplitFractions;
  /** The split and preprocessing for the choices with this key (see selectPlan). */
  planned: { key: string; reply: PlanReply } | null;
  /** A model is to be proposed for the data as soon as its plan arrives. */
  proposalPending: boolean;
  /** What went wrong with the last file, for a role="alert" region. */
  datasetError: string | null;
  /** The data a new file replaced, until the person undoes or dismisses the replacement. */
  dataUndo: DataUndo | null;
  /** Puts back the data (and its choices, model and report) that the last file replaced. */
  undoDataReplacement: () => Promise<void>;
  dismissDataUndo: () => void;
  loadFile: (file: File) => Promise<void>;
  loadSample: (name: string) => Promise<void>;
  setTarget: (name: string) => void;
  setTask: (task: TaskKind) => void;
  updateColumn: (name: string, patch: Partial<Omit<ColumnSettings, "name">>) => void;
  setSplit: (split: SplitFractions) => void;
  dismissDatasetError: () => void;
  /** Asks the data worker for the plan of the current choices (debounced). */
  requestPlan: () => void;
}

export const DEFAULT_SPLIT: SplitFractions = { train: 0.7, validation: 0.15, test: 0.15 };

export const SAMPLES = [
  { name: "iris.csv", title: "Iris flowers", task: "classification" as const },
  { name: "diabetes.csv", title: "Diabetes progression", task: "regression" as const },
  { name: "digits-8x8.csv", title: "Handwritten digits (8×8)", task: "classification" as const },
];

/** The dataset slice's data before any file: also what a new project starts from. */
export const initialDatasetState = (): SliceData<DatasetSlice> => ({
  datasetLoad: null,
  parseProgress: null,
  dataset: NO_DATA,
  columnSettings: [],
  target: null,
  task: "classification",
  split: DEFAULT_SPLIT,
  planned: null,
  proposalPending: false,
  datasetError: null,
  dataUndo: null,
});

/** Typing in the column table should not refit the data on every keystroke. */
const PLAN_DELAY_MS = 120;

export const createDatasetSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], DatasetSlice> =>
  (set, get) => {
    // The one closure left here, on purpose: a debounce timer is not state. When it fires after a
    // reset it asks for the plan of the state then (none without data), so nothing stale lands.
    let planTimer: ReturnType<typeof setTimeout> | null = null;

    const planNow = async () => {
      planTimer = null;
      const choices = selectPlanChoices(get());
      if (!choices) return;
      const { key, datasetId, plan } = choices;
      let reply: PlanReply;
      try {
        reply = await services.data.plan(datasetId, plan);
      } catch (error) {
        reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
      }
      if (selectPlanChoices(get())?.key !== key) return;
      set({ planned: { key, reply } });
      if (get().proposalPending && reply.ok) {
        set({ proposalPending: false });
        get().proposeModel();
      } else {
        get().syncModelToData();
      }
    };

    return {
      ...initialDatasetState(),

      loadFile: async (file) => {
        const load: LoadTicket = { name: file.name };
        set({
          datasetLoad: load,
          datasetError: null,
          parseProgress: { fileName: file.name, bytesRead: 0, totalBytes: file.size },
        });
        try {
          const loaded = await services.data.load(file, file.name, (bytesRead, totalBytes) => {
            if (get().datasetLoad === load)
              set({ parseProgress: { fileName: file.name, bytesRead, totalBytes } });
          });
          if (get().datasetLoad !== load) return;
          const { profiles } = loaded;
          const target = guessTargetColumn(profiles);
          const targetProfile = profiles.find((p) => p.name === target);
          const dataUndo = dataUndoOf(get(), file.name);
          // The old run's curves and status describe data that is gone.
          get().clearRun();
          set({
            parseProgress: null,
            // A table replaces pictures: the studio trains on one dataset at a time.
            dataset: {
              kind: "table",
              table: { id: loaded.datasetId, ...loaded.summary },
              file,
              profiles,
            },
            columnSettings: profiles.map(defaultColumnSettings),
            target,
            task: targetProfile ? inferTask(targetProfile) : "classification",
            evaluation: null,
            trainedModel: null,
            trainedModelOrigin: null,
            proposalPending: true,
            imageProgress: null,
            dataUndo,
            projectName: projectNameForData(get().projectName, file.name),
          });
        } catch (error) {
          if (get().datasetLoad !== load || error instanceof LoadCancelledError) return;
          set({
            parseProgress: null,
            datasetError: messageOf(error),
          });
        }
      },

      loadSample: async (name) => {
        set({ datasetError: null });
        try {
          const response = await fetch(`${import.meta.env.BASE_URL}samples/${name}`);
          if (!response.ok) throw new Error(`the server answered ${response.status}`);
          const blob = await response.blob();
          await get().loadFile(new File([blob], name, { type: "text/csv" }));
        } catch (error) {
          set({
            datasetError: `The sample “${name}” could not be loaded: ${error instanceof Error ? error.message : String(error)}.`,
          });
        }
      },

      setTarget: (name) => {
        const profile = selectProfiles(get()).find((p) => p.name === name);
        if (profile) set({ target: name, task: inferTask(profile) });
      },
      setTask: (task) => set({ task }),
      updateColumn: (name, patch) =>
        set({
          columnSettings: get().columnSettings.map((s) =>
            s.name === name ? { ...s, ...patch } : s,
          ),
        }),
      setSplit: (split) => set({ split }),
      dismissDatasetError: () => set({ datasetError: null }),

      undoDataReplacement: async () => {
        const undo = get().dataUndo;
        if (!undo) return;
        const load: LoadTicket = { name: undo.previousName };
        set({ datasetLoad: load });
        get().cancelTraining();
        const { snapshot } = undo;
        let dataset = snapshot.dataset;
        // The data worker holds one table: the replaced one is read again from its file.
        if (dataset.kind === "table") {
          try {
            const { file, table } = dataset;
            const loaded = await services.data.load(file, table.fileName, () => {});
            dataset = { ...dataset, table: { id: loaded.datasetId, ...loaded.summary } };
          } catch (error) {
            set({
              datasetError: `“${undo.previousName}” could not be read again: ${messageOf(error)}`,
            });
            return;
          }
        }
        if (get().datasetLoad !== load) return;
        set({
          ...snapshot,
          // A run that was going when the data was replaced has ended: it is not brought back.
          run: snapshot.run.state === "running" ? get().run : snapshot.run,
          dataset,
          parseProgress: null,
          planned: null,
          proposalPending: false,
          datasetError: null,
          imageError: null,
          dataUndo: null,
        });
        // The table read again has a new id in the data worker: the report describes it as before.
        const { evaluation } = get();
        if (undo.reportWasCurrent && evaluation)
          set({ evaluation: { ...evaluation, inputsKey: selectInputsKey(get()) } });
      },

      dismissDataUndo: () => set({ dataUndo: null }),

      requestPlan: () => {
        if (planTimer) clearTimeout(planTimer);
        planTimer = setTimeout(() => void planNow(), PLAN_DELAY_MS);
      },
    };
  };
