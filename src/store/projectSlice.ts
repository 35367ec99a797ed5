import type { StudioServices } from "../services/studioServices";
import { UNTITLED_PROJECT } from "../core/project/projectName";
import { runDataMismatch } from "../core/project/runData";
import type { StateCreator } from "zustand";
import { messageOf } from "../core/errors";
import type {
  DatasetRef,
  InterruptedRun,
  ProjectRun,
  ProjectSummary,
} from "../core/project/project";
import { initialDatasetState } from "./datasetSlice";
import { initialEvaluationState } from "./evaluationSlice";
import { initialImageState } from "./imageSlice";
import { initialModelState } from "./modelSlice";
import { restoreProjectData, runTestImages } from "./projectData";
import {
  evaluationOfRun,
  finishedRunView,
  hostedShareOf,
  projectFieldsToState,
  projectFromState,
} from "../core/project/projectState";
import { selectDataOnScreen, selectLoadedData, selectTrainBlocker } from "./selectors";
import { initialShareState, type ShareSlice } from "./shareSlice";
import type { SliceData } from "./storageClasses";
import { initialTrainedModelState } from "./trainedModelSlice";
import { initialTrainingState } from "./trainingSlice";
import type { StudioState } from "./index";

/** How long a deleted project can be brought back before its storage is freed. */
export const UNDO_DELETE_MS = 6000;

export interface ProjectSlice {
  projectId: string;
  projectName: string;
  projectCreatedAt: string;
  /** The revision of the last save (or load); the next save is this + 1. */
  projectRevision: number;
  projectDataset: DatasetRef | null;
  /** Every finished run, oldest first. */
  projectRuns: ProjectRun[];
  currentRunId: string | null;
  /** The last end-of-epoch checkpoint of a run cut short by a reload, offered for resuming. */
  interruptedRun: InterruptedRun | null;
  projectList: ProjectSummary[];
  /** What went wrong with storage (quota, a damaged record, a missing dataset), for role="alert". */
  projectAlert: string | null;
  projectStatus: "unsaved" | "saving" | "saved" | "loading";
  /** Another tab saved this project: autosave waits until the person chooses what to keep. */
  projectConflict: boolean;
  pendingDeletion: { summary: ProjectSummary; timer: ReturnType<typeof setTimeout> } | null;
  refreshProjects: () => Promise<void>;
  newProject: () => void;
  openProject: (id: string) => Promise<void>;
  renameProject: (name: string) => void;
  duplicateProject: (id: string) => Promise<void>;
  deleteProject: (id: string) => void;
  undoDeleteProject: () => void;
  /** Brings a run's model, settings and report back to the canvas (undoable on the canvas). */
  restoreRun: (runId: string) => void;
  /** Drops a run's weights to save space; its report and curves stay. */
  dropRunWeights: (runId: string) => void;
  dismissProjectAlert: () => void;
  /** Puts the interrupted run's choices back and trains on from its last checkpoint. */
  resumeInterruptedRun: () => Promise<void>;
  discardInterruptedRun: () => void;
  /** The conflict with another tab: keep this tab's state as a new project. */
  keepMineAsCopy: () => void;
}

export const newProjectId = () =>
  `project-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** The project slice's own data for a fresh, unsaved project. */
const initialProjectState = () =>
  ({
    projectId: newProjectId(),
    projectName: UNTITLED_PROJECT,
    projectCreatedAt: new Date().toISOString(),
    projectRevision: 0,
    projectDataset: null,
    projectRuns: [],
    currentRunId: null,
    interruptedRun: null,
    projectStatus: "unsaved",
    projectConflict: false,
  }) satisfies Partial<SliceData<ProjectSlice>>;

/**
 * A fresh, empty studio: every slice that belongs to a project back at its own initial state (no
 * data, the proposed model, default settings, no runs, no report, no link). What stays belongs to
 * the page or the person: the project list and its alerts, a pending deletion, the sharing mode,
 * a loaded pretrained backbone and a shared view being visited.
 */
function emptyProjectState(): Partial<StudioState> {
  // The inline/hosted choice is the person's; another project's hosted link is not this one's.
  const share: Partial<SliceData<ShareSlice>> = initialShareState();
  delete share.shareMode;
  return {
    ...initialDatasetState(),
    ...initialModelState(),
    ...initialTrainingState(),
    ...initialEvaluationState(),
    ...initialTrainedModelState(),
    ...share,
    ...initialImageState(),
    ...initialProjectState(),
  };
}

/** What selectTrainBlocker says while the data worker refits the plan. */
const PREPARING = "Preparing the data…";

export const createProjectSlice =
  (services: StudioServices): StateCreator<StudioState, [], [], ProjectSlice> =>
  (set, get) => ({
    ...initialProjectState(),
    projectList: [],
    projectAlert: null,
    pendingDeletion: null,

    refreshProjects: async () => {
      try {
        const list = await services.projects.listProjects();
        const hidden = get().pendingDeletion?.summary.id;
        set({ projectList: list.filter((summary) => summary.id !== hidden) });
      } catch (error) {
        set({ projectAlert: `The saved projects could not be listed: ${messageOf(error)}` });
      }
    },

    newProject: () => {
      get().clearRun();
      set({ ...emptyProjectState(), projectAlert: null });
      void services.projects.setLastOpenProject(null);
    },

    openProject: async (id) => {
      const statusBefore = get().projectStatus;
      set({ projectStatus: "loading", projectAlert: null });
      let project;
      try {
        project = await services.projects.loadProject(id);
      } catch (error) {
        set({ projectStatus: statusBefore, projectAlert: messageOf(error) });
        return;
      }
      if (!project) {
        set({ projectStatus: statusBefore, projectAlert: "That project is no longer saved here." });
        return;
      }
      get().clearRun();
      set({ ...emptyProjectState(), projectStatus: "loading" });
      const problems = await restoreProjectData({ get, set, services }, project);
      const current = project.runs.find((run) => run.id === project.currentRunId) ?? null;
      set({
        ...projectFieldsToState(project),
        projectRevision: project.revision,
        proposalPending: false,
        customModelReplaced: false,
        past: [],
        future: [],
        trainedModel: current?.model ?? null,
        trainedModelOrigin: current?.model ? "training" : null,
        run: current ? finishedRunView(current) : get().run,
        hostedShare: project.hostedShare
          ? hostedShareOf(project.hostedShare, current?.model ?? null, project.runs)
          : null,
      });
      if (project.hostedShare) {
        services.ownerTokens.set(project.hostedShare.id, project.hostedShare.ownerToken);
        // The Share section opens on the link this project has, with its update and take-down.
        set({ shareMode: "hosted" });
      }
      set({
        evaluation: current ? evaluationOfRun(current, get(), selectDataOnScreen(get())) : null,
        imageTestImages: runTestImages(get(), current),
      });
      set({
        projectStatus: "saved",
        projectAlert: problems.length > 0 ? problems.join(" ") : null,
      });
      void services.projects.setLastOpenProject(project.id);
    },

    renameProject: (name) => set({ projectName: name.slice(0, 200) }),

    duplicateProject: async (id) => {
      try {
        const project =
          id === get().projectId
            ? projectFromState(get(), new Date().toISOString())
            : await services.projects.loadProject(id);
        if (!project) return;
        const now = new Date().toISOString();
        await services.projects.saveProject({
          ...project,
          id: newProjectId(),
          name: `${project.name} (copy)`,
          createdAt: now,
          updatedAt: now,
          revision: 1,
          // One project owns a hosted link: a copy taking it down would strand the original.
          hostedShare: undefined,
        });
        await get().refreshProjects();
      } catch (error) {
        set({ projectAlert: messageOf(error) });
      }
    },

    deleteProject: (id) => {
      const summary = get().projectList.find((entry) => entry.id === id);
      if (!summary) return;
      const previous = get().pendingDeletion;
      if (previous) {
        clearTimeout(previous.timer);
        void services.projects.deleteProject(previous.summary.id);
      }
      const timer = setTimeout(() => {
        set({ pendingDeletion: null });
        void services.projects.deleteProject(id).then(() => get().refreshProjects());
      }, UNDO_DELETE_MS);
      set({
        pendingDeletion: { summary, timer },
        projectList: get().projectList.filter((entry) => entry.id !== id),
      });
      if (id === get().projectId) get().newProject();
    },

    undoDeleteProject: () => {
      const pending = get().pendingDeletion;
      if (!pending) return;
      clearTimeout(pending.timer);
      set({ pendingDeletion: null });
      void get().refreshProjects();
    },

    restoreRun: (runId) => {
      const run = get().projectRuns.find((entry) => entry.id === runId);
      if (!run) return;
      get().cancelTraining();
      const { past, spec, layout } = get();
      const sameData = runDataMismatch(run.trainedOn, selectLoadedData(get())) === null;
      const takeChoices = get().dataset !== null && sameData;
      set({
        past: [...past, { spec, layout }],
        future: [],
        spec: run.spec,
        layout: run.layout,
        specIsDefault: false,
        selectedNodeId: null,
        trainConfig: run.config,
        // A run on other data brings back its model and report, not its column choices: they would
        // not fit the loaded table (its report says it describes other data).
        columnSettings: takeChoices ? run.data.columnSettings : get().columnSettings,
        target: takeChoices ? run.data.target : get().target,
        task: sameData ? run.data.task : get().task,
        split: sameData ? run.data.split : get().split,
        trainedModel: run.model ?? null,
        trainedModelOrigin: run.model ? "training" : null,
        currentRunId: run.id,
        run: finishedRunView(run),
      });
      set({
        evaluation: evaluationOfRun(run, get(), selectDataOnScreen(get())),
        imageTestImages: runTestImages(get(), run),
      });
    },

    dropRunWeights: (runId) =>
      set({
        projectRuns: get().projectRuns.map((run) => {
          if (run.id !== runId) return run;
          const { model, ...rest } = run;
          void model;
          return rest;
        }),
      }),

    dismissProjectAlert: () => set({ projectAlert: null }),

    resumeInterruptedRun: async () => {
      const interrupted = get().interruptedRun;
      if (!interrupted || get().run.state === "running") return;
      set({
        spec: interrupted.spec,
        layout: interrupted.layout,
        specIsDefault: false,
        trainConfig: interrupted.config,
        backendPreference: interrupted.backendPreference,
        columnSettings: interrupted.data.columnSettings,
        target: interrupted.data.target,
        task: interrupted.data.task,
        split: interrupted.data.split,
      });
      // The data worker refits the plan for those choices first; training waits for it.
      for (let waited = 0; selectTrainBlocker(get()) === PREPARING && waited < 30_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      const blocker = selectTrainBlocker(get());
      if (blocker) {
        set({ projectAlert: `The run cannot resume: ${blocker}` });
        return;
      }
      await get().startTraining({ runId: interrupted.id, checkpoint: interrupted.checkpoint });
    },

    discardInterruptedRun: () => set({ interruptedRun: null }),

    keepMineAsCopy: () =>
      set({
        projectId: newProjectId(),
        projectName: `${get().projectName} (this tab)`,
        projectRevision: 0,
        projectConflict: false,
        projectAlert: null,
      }),
  });
