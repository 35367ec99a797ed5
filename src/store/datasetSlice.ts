import type { StateCreator } from "zustand";
import { defaultColumnSettings, guessTargetColumn, inferTask } from "../core/data/columns";
import type {
  ColumnProfile,
  ColumnSettings,
  ParsedTable,
  SplitFractions,
  TaskKind,
} from "../core/data/types";
import { parseInWorker, type ParseHandle } from "../worker/parseClient";
import type { StudioState } from "./index";

export interface DatasetSlice {
  datasetStatus: "empty" | "parsing" | "ready";
  parseProgress: { fileName: string; bytesRead: number; totalBytes: number } | null;
  table: ParsedTable | null;
  profiles: ColumnProfile[];
  columnSettings: ColumnSettings[];
  target: string | null;
  task: TaskKind;
  split: SplitFractions;
  /** What went wrong with the last file, for a role="alert" region. */
  datasetError: string | null;
  loadFile: (file: File) => Promise<void>;
  loadSample: (name: string) => Promise<void>;
  setTarget: (name: string) => void;
  setTask: (task: TaskKind) => void;
  updateColumn: (name: string, patch: Partial<Omit<ColumnSettings, "name">>) => void;
  setSplit: (split: SplitFractions) => void;
  dismissDatasetError: () => void;
}

export const DEFAULT_SPLIT: SplitFractions = { train: 0.7, validation: 0.15, test: 0.15 };

export const SAMPLES = [
  { name: "iris.csv", title: "Iris flowers", task: "classification" as const },
  { name: "diabetes.csv", title: "Diabetes progression", task: "regression" as const },
  { name: "digits-8x8.csv", title: "Handwritten digits (8×8)", task: "classification" as const },
];

let activeParse: ParseHandle | null = null;

export const createDatasetSlice: StateCreator<StudioState, [], [], DatasetSlice> = (set, get) => ({
  datasetStatus: "empty",
  parseProgress: null,
  table: null,
  profiles: [],
  columnSettings: [],
  target: null,
  task: "classification",
  split: DEFAULT_SPLIT,
  datasetError: null,

  loadFile: async (file) => {
    activeParse?.cancel();
    const previousStatus = get().table ? "ready" : "empty";
    set({
      datasetStatus: "parsing",
      datasetError: null,
      parseProgress: { fileName: file.name, bytesRead: 0, totalBytes: file.size },
    });
    const handle = parseInWorker(file, (bytesRead, totalBytes) =>
      set({ parseProgress: { fileName: file.name, bytesRead, totalBytes } }),
    );
    activeParse = handle;
    try {
      const { table, profiles } = await handle.result;
      if (activeParse !== handle) return;
      const target = guessTargetColumn(profiles);
      const targetProfile = profiles.find((p) => p.name === target);
      get().cancelTraining();
      set({
        datasetStatus: "ready",
        parseProgress: null,
        table,
        profiles,
        columnSettings: profiles.map(defaultColumnSettings),
        target,
        task: targetProfile ? inferTask(targetProfile) : "classification",
        evaluation: null,
      });
      get().proposeModel();
    } catch (error) {
      if (activeParse !== handle) return;
      if (error instanceof DOMException && error.name === "AbortError") return;
      set({
        datasetStatus: previousStatus,
        parseProgress: null,
        datasetError: error instanceof Error ? error.message : String(error),
      });
    } finally {
      if (activeParse === handle) activeParse = null;
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
    const profile = get().profiles.find((p) => p.name === name);
    if (!profile) return;
    set({ target: name, task: inferTask(profile) });
    get().syncModelToData();
  },

  setTask: (task) => {
    set({ task });
    get().syncModelToData();
  },

  updateColumn: (name, patch) => {
    set({
      columnSettings: get().columnSettings.map((s) => (s.name === name ? { ...s, ...patch } : s)),
    });
    get().syncModelToData();
  },

  setSplit: (split) => {
    set({ split });
    get().syncModelToData();
  },

  dismissDatasetError: () => set({ datasetError: null }),
});
