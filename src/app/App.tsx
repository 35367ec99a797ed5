import { DatasetPanel } from "../features/dataset/DatasetPanel";
import { ProjectNotices } from "../features/projects/ProjectHeader";
import { RunBar } from "../features/training/RunBar";
import { TrainingPanel } from "../features/training/TrainingPanel";
import { useEffect, type ComponentType } from "react";
import { useShareRoute } from "./navigation";
import {
  EvaluationSection,
  ExportSection,
  ModelSection,
  PredictSection,
  ProjectsSection,
  preloadSections,
  SectionLoading,
  SharedViewPage,
  ShareSection,
} from "./lazySections";
import { SectionBoundary } from "./SectionBoundary";

/**
 * The page's sections in order: each is rendered here, numbered from 1, and linked from the run bar.
 * A new section adds a line here.
 */
const SECTIONS: ReadonlyArray<{ id: string; title: string; Content: ComponentType }> = [
  { id: "data", title: "Data", Content: DatasetPanel },
  { id: "model", title: "Model", Content: ModelSection.Component },
  { id: "training", title: "Training", Content: TrainingPanel },
  { id: "evaluation", title: "Evaluation", Content: EvaluationSection.Component },
  { id: "try-it", title: "Try it", Content: PredictSection.Component },
  { id: "export", title: "Export", Content: ExportSection.Component },
  { id: "share", title: "Share", Content: ShareSection.Component },
  { id: "projects", title: "Projects", Content: ProjectsSection.Component },
];

export function App() {
  const route = useShareRoute();
  if (route.kind !== "studio")
    return (
      <SectionLoading>
        <SharedViewPage.Component route={route} />
      </SectionLoading>
    );
  return <Studio />;
}

function Studio() {
  useEffect(preloadSections, []);
  return (
    <div className="app">
      <header className="app-header">
        <h1>Model Studio</h1>
        <p>
          Train a neural network on your own table or pictures, in your browser. Your data never
          leaves this machine.
        </p>
        <ProjectNotices />
      </header>
      <RunBar steps={SECTIONS} reportSectionId="evaluation" trainingSectionId="training" />
      <main>
        {SECTIONS.map(({ id, title, Content }, index) => (
          <Section key={id} step={index + 1} title={title} id={id}>
            <Content />
          </Section>
        ))}
      </main>
    </div>
  );
}

function Section(props: { step: number; title: string; id: string; children: React.ReactNode }) {
  return (
    <section className="panel" id={props.id} tabIndex={-1} aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        <span className="step" aria-hidden="true">
          {props.step}
        </span>
        {props.title}
      </h2>
      <SectionBoundary title={props.title}>
        <SectionLoading>{props.children}</SectionLoading>
      </SectionBoundary>
    </section>
  );
}
