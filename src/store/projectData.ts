import type { StudioServices } from "../services/studioServices";
import { DEFAULT_AUGMENTATION } from "../core/data/images/augment";
import type { Project, ProjectRun } from "../core/project/project";
import { DEFAULT_IMAGE_SETTINGS } from "./imageSlice";
import { testImagesOf } from "../core/data/images/imageRun";
import type { StudioState } from "./index";
import { messageOf } from "../core/errors";

type Store = {
  get: () => StudioState;
  set: (partial: Partial<StudioState>) => void;
  services: Pick<StudioServices, "projects">;
};

/**
 * Brings an opened project's dataset back from storage: a table file is parsed again (the data
 * worker), an image set is put back as it was decoded. Returns what went wrong, for the alert; the
 * rest of the project opens either way.
 */
export async function restoreProjectData(
  { get, set, services }: Store,
  project: Project,
): Promise<string[]> {
  const ref = project.dataset;
  if (!ref) return [];
  const problems: string[] = [];
  const missing = `The data of “${project.name}” (${ref.fileName}) is missing from this browser's storage. Load that file again in the Data section; the model, settings and runs are kept.`;
  if (ref.kind === "images") {
    try {
      const dataset = await services.projects.getImages(ref.hash);
      if (dataset)
        set({
          dataset: {
            kind: "pictures",
            pictures: { ...dataset, sourceName: ref.fileName },
            source: null,
          },
          imageSettings: DEFAULT_IMAGE_SETTINGS,
          augmentation: project.augmentation ?? DEFAULT_AUGMENTATION,
        });
      else problems.push(missing);
    } catch (error) {
      problems.push(messageOf(error));
    }
    return problems;
  }
  const stored = await services.projects.getDataset(ref.hash).catch(() => null);
  if (stored) {
    const type = stored.fileName.endsWith(".tsv") ? "text/tab-separated-values" : "text/csv";
    await get().loadFile(
      new File([stored.bytes as Uint8Array<ArrayBuffer>], stored.fileName, { type }),
    );
  } else problems.push(missing);
  if (get().datasetError) problems.push(get().datasetError ?? "");
  return problems;
}

/** The test pictures of a kept image run, for its report's gallery (null for table runs). */
export function runTestImages(
  state: StudioState,
  run: ProjectRun | null,
): StudioState["imageTestImages"] {
  if (!run || state.dataset.kind !== "pictures" || !run.evaluation) return null;
  return testImagesOf(state.dataset.pictures, run.data.split, run.config.seed);
}
