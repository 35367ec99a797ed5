import { lazy, Suspense, type ComponentType, type ReactNode } from "react";

/**
 * Sections a person does not need before data is in (the report, try-it, export, share, projects,
 * a shared link's page) load in their own chunks, so the first page is light. They are not waited
 * for until asked: `preloadSections` fetches them all as soon as the page is idle after its first
 * paint, so by the time anyone scrolls to them they are there. The model editor is asked for at the
 * first paint.
 */
function lazyNamed<P extends object>(load: () => Promise<ComponentType<P>>) {
  let started: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => (started ??= load().then((component) => ({ default: component })));
  return { Component: lazy(preload), preload };
}

// The canvas (@xyflow/react and its d3 parts) is a quarter of the first page's weight; it is asked
// for right after the first paint rather than at idle, since the model section is the second thing
// a person sees.
export const ModelSection = lazyNamed(() =>
  import("../features/model-editor/ModelPanel").then((m) => m.ModelPanel),
);
export const EvaluationSection = lazyNamed(() =>
  import("../features/evaluation/EvaluationPanel").then((m) => m.EvaluationPanel),
);
export const PredictSection = lazyNamed(() =>
  import("../features/predict/PredictPanel").then((m) => m.PredictPanel),
);
export const ExportSection = lazyNamed(() =>
  import("../features/export/ExportPanel").then((m) => m.ExportPanel),
);
export const ShareSection = lazyNamed(() =>
  import("../features/share/SharePanel").then((m) => m.SharePanel),
);
export const ProjectsSection = lazyNamed(() =>
  import("../features/projects/ProjectsPanel").then((m) => m.ProjectsPanel),
);
export const SharedViewPage = lazyNamed(() => import("./SharedView").then((m) => m.SharedView));

const ALL = [EvaluationSection, PredictSection, ExportSection, ShareSection, ProjectsSection];

/** Starts loading the model editor now and every other lazy section once the page is idle. */
export function preloadSections(): void {
  void ModelSection.preload();
  const start = () => ALL.forEach((section) => void section.preload());
  if (typeof requestIdleCallback === "function") requestIdleCallback(start, { timeout: 1000 });
  else setTimeout(start, 200);
}

/** What a lazy section shows for the moment its code is still on its way. */
export function SectionLoading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="hint" role="status">
          Loading…
        </p>
      }
    >
      {children}
    </Suspense>
  );
}
