import type { StudioServices } from "../services/studioServices";
import type { ImageDataset } from "../core/data/images/types";
import type { InterruptedRun } from "../core/project/project";
import { projectFromState, runFromState } from "../core/project/projectState";
import { selectLoadedData } from "./selectors";
import { selectPictures, selectTableFile } from "./loadedData";
import { PROJECT_KEYS, type StudioDataKey } from "./storageClasses";
import type { StudioState } from "./index";
import { messageOf } from "../core/errors";

/** How long after the last change the project is saved. */
export const AUTOSAVE_DELAY_MS = 500;
/** Changes that never pause (a run's epochs) are still saved this often. */
export const AUTOSAVE_MAX_WAIT_MS = 2000;

type Store = {
  getState: () => StudioState;
  setState: (partial: Partial<StudioState>) => void;
  subscribe: (listener: (state: StudioState, previous: StudioState) => void) => () => void;
  services: Pick<StudioServices, "projects">;
};

/** Bookkeeping a save itself changes; changing it must not cause another save. */
const NOT_A_CHANGE: ReadonlySet<StudioDataKey> = new Set(["projectRevision"]);
const TRIGGER_KEYS = PROJECT_KEYS.filter((key) => !NOT_A_CHANGE.has(key));

interface SavedNotice {
  projectId: string;
  revision: number;
}

/** What a save would write, by value for the small parts and by identity for runs and checkpoint. */
interface Baseline {
  projectId: string;
  choices: string;
  runs: StudioState["projectRuns"];
  interrupted: StudioState["interruptedRun"];
}

/** The project a save would write now, less its bookkeeping (revision, time of saving). */
function baselineOf(state: StudioState): Baseline {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- a save's own bookkeeping
  const { runs, interrupted, revision, updatedAt, ...choices } = projectFromState(state, "");
  return { projectId: state.projectId, choices: JSON.stringify(choices), runs, interrupted };
}

const sameBaseline = (a: Baseline | null, b: Baseline) =>
  a !== null &&
  a.projectId === b.projectId &&
  a.runs === b.runs &&
  a.interrupted === b.interrupted &&
  a.choices === b.choices;

/**
 * Keeps the open project saved: a moment after each change it goes to storage; each finished run
 * is added to the project's runs; a newly loaded file or image set is stored once by its hash. Another tab's
 * save of the same project (BroadcastChannel, and the revision check in storage) stops autosave
 * and says so, so neither tab overwrites the other. Returns a function that stops it all; its
 * promise settles when a save already under way has ended.
 */
export function startAutosave(store: Store): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let firstChangeAt: number | null = null;
  /** The project as last saved or opened: a "change" that leaves it equal is not saved. */
  let baseline: Baseline | null = null;
  /** What the running run started from: its checkpoints only make sense with these. */
  let runStart: Omit<InterruptedRun, "checkpoint"> | null = null;
  let saving: Promise<void> = Promise.resolve();
  /** Datasets (a file's bytes, pictures) being written: until they are, nothing is "Saved". */
  let storingData = 0;
  const channel =
    typeof BroadcastChannel === "function" ? new BroadcastChannel("model-studio-projects") : null;

  const conflict = () =>
    store.setState({
      projectConflict: true,
      projectStatus: "unsaved",
      projectAlert:
        "This project was changed in another tab, so this tab stopped saving it. Open it again to see that tab's version, or keep this tab's version as a copy.",
    });

  const save = async () => {
    timer = null;
    const state = store.getState();
    if (state.projectConflict || state.projectStatus === "loading") return;
    // The project would name no data, or old data, while its new data is still being written: a
    // reload then would lose it. Saved when the write ends (see storingDataWhile).
    if (storingData > 0) return;
    if (state.dataset.kind === "none" && state.specIsDefault && state.projectRuns.length === 0) {
      if (state.projectStatus === "saving") store.setState({ projectStatus: "saved" });
      return;
    }
    const next = baselineOf(state);
    if (sameBaseline(baseline, next)) {
      if (state.projectStatus !== "saved") store.setState({ projectStatus: "saved" });
      return;
    }
    const project = projectFromState(state, new Date().toISOString());
    store.setState({ projectStatus: "saving" });
    try {
      const result = await store.services.projects.saveProject(project);
      if (store.getState().projectId !== project.id) return;
      if (!result.ok) return conflict();
      baseline = next;
      store.setState({ projectRevision: project.revision, projectStatus: "saved" });
      if (store.getState().projectAlert?.includes("storage is full"))
        store.setState({ projectAlert: null });
      channel?.postMessage({ projectId: project.id, revision: project.revision } as SavedNotice);
      await store.services.projects.setLastOpenProject(project.id);
      await store.getState().refreshProjects();
    } catch (error) {
      store.setState({ projectStatus: "unsaved", projectAlert: messageOf(error) });
    }
  };
  const schedule = () => {
    const now = Date.now();
    firstChangeAt ??= now;
    // Postponing again would save later than the max wait after the first unsaved change.
    if (timer && now + AUTOSAVE_DELAY_MS - firstChangeAt > AUTOSAVE_MAX_WAIT_MS) return;
    if (timer) clearTimeout(timer);
    // A change waits for its save: "Saved" would be untrue until then (a reload now loses it).
    if (store.getState().projectStatus === "saved") store.setState({ projectStatus: "saving" });
    timer = setTimeout(() => {
      firstChangeAt = null;
      saving = saving.then(save);
    }, AUTOSAVE_DELAY_MS);
  };

  /** Runs a dataset write, with the project "Saving" until it ends and saved after it. */
  const storingDataWhile = async (write: () => Promise<void>) => {
    storingData++;
    if (store.getState().projectStatus === "saved") store.setState({ projectStatus: "saving" });
    try {
      await write();
    } finally {
      storingData--;
      if (storingData === 0) schedule();
    }
  };

  const storeDataset = async (file: File) => {
    try {
      const ref = await store.services.projects.putDataset(
        new Uint8Array(await file.arrayBuffer()),
        file.name,
      );
      const current = store.getState();
      // An opened project already names this file; setting it again would count as a change.
      if (selectTableFile(current) === file && current.projectDataset?.hash !== ref.hash)
        store.setState({ projectDataset: ref });
    } catch (error) {
      store.setState({ projectAlert: messageOf(error) });
    }
  };

  const storeImages = async (dataset: ImageDataset) => {
    try {
      const ref = await store.services.projects.putImages(dataset);
      const current = store.getState();
      if (selectPictures(current) === dataset && current.projectDataset?.hash !== ref.hash)
        store.setState({ projectDataset: ref });
    } catch (error) {
      store.setState({ projectAlert: messageOf(error) });
    }
  };

  const unsubscribe = store.subscribe((state, previous) => {
    trackRun(state, previous);
    if (previous.projectStatus === "loading" && state.projectStatus === "saved")
      baseline = baselineOf(state);
    const file = selectTableFile(state);
    const pictures = selectPictures(state);
    if (file !== selectTableFile(previous) && file) void storingDataWhile(() => storeDataset(file));
    // A reopened project's pictures come from storage already.
    if (pictures !== selectPictures(previous) && pictures && state.projectStatus !== "loading")
      void storingDataWhile(() => storeImages(pictures));
    if (
      state.trainedModel !== previous.trainedModel &&
      state.trainedModelOrigin === "training" &&
      state.run.runId !== null &&
      !state.projectRuns.some((run) => run.id === state.run.runId)
    ) {
      const run = runFromState(state, selectLoadedData(state));
      if (run)
        store.setState({
          projectRuns: [...state.projectRuns, run],
          currentRunId: run.id,
          interruptedRun: null,
        });
    }
    // Opening a project sets every key; that is not a change worth saving (nor telling other tabs).
    if (
      state.projectStatus !== "loading" &&
      TRIGGER_KEYS.some((key) => state[key] !== previous[key])
    )
      schedule();
  });

  /** Keeps the running run's last checkpoint as the project's interrupted run, until it ends. */
  function trackRun(state: StudioState, previous: StudioState) {
    const running = state.run.state === "running";
    if (running && (previous.run.state !== "running" || state.run.runId !== previous.run.runId)) {
      runStart = {
        id: state.run.runId ?? "",
        startedAt: new Date().toISOString(),
        config: state.trainConfig,
        spec: state.spec,
        layout: state.layout,
        data: {
          columnSettings: state.columnSettings,
          target: state.target ?? "",
          task: state.task,
          split: state.split,
        },
        backendPreference: state.backendPreference,
      };
      // A resumed run keeps the checkpoint it resumed from until it makes a newer one.
      if (state.interruptedRun?.id === runStart.id)
        runStart.startedAt = state.interruptedRun.startedAt;
    }
    if (
      running &&
      runStart &&
      state.runCheckpoint &&
      state.runCheckpoint !== previous.runCheckpoint
    )
      store.setState({ interruptedRun: { ...runStart, checkpoint: state.runCheckpoint } });
    if (!running && previous.run.state === "running") {
      runStart = null;
      if (state.interruptedRun?.id === previous.run.runId) store.setState({ interruptedRun: null });
    }
  }

  if (channel) {
    channel.onmessage = (event: MessageEvent<SavedNotice>) => {
      const state = store.getState();
      if (event.data.projectId === state.projectId && event.data.revision > state.projectRevision)
        conflict();
      void state.refreshProjects();
    };
  }

  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
    channel?.close();
    // A save already under way still lands; callers that write the project next wait for it.
    return saving;
  };
}

/** Opens the project that was open last (if any) and lists the saved ones. */
export async function openLastProject(store: Store): Promise<void> {
  try {
    const last = await store.services.projects.lastOpenProject();
    if (last) await store.getState().openProject(last);
  } catch (error) {
    store.setState({ projectAlert: messageOf(error) });
  }
  await store.getState().refreshProjects();
}
