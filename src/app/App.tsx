import { DatasetPanel } from "../features/dataset/DatasetPanel";
import { ProjectNotices } from "../features/projects/ProjectHeader";
import { RunBar } from "../features/training/RunBar";
import { TrainingPanel } from "../features/training/TrainingPanel";
import { useEffect } from "react";
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

/** The page's sections in order; the run bar links each. A new section adds a line here. */
const STEPS = [
  { id: "data", title: "Data" },
  { id: "model", title: "Model" },
  { id: "training", title: "Training" },
  { id: "evaluation", title: "Evaluation" },
  { id: "try-it", title: "Try it" },
  { id: "export", title: "Export" },
  { id: "share", title: "Share" },
  { id: "projects", title: "Projects" },
] as const;

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
      <RunBar steps={STEPS} reportSectionId="evaluation" trainingSectionId="training" />
      <main>
        <Section step={1} title="Data" id="data">
          <DatasetPanel />
        </Section>
        <Section step={2} title="Model" id="model">
          <ModelSection.Component />
        </Section>
        <Section step={3} title="Training" id="training">
          <TrainingPanel />
        </Section>
        <Section step={4} title="Evaluation" id="evaluation">
          <EvaluationSection.Component />
        </Section>
        <Section step={5} title="Try it" id="try-it">
          <PredictSection.Component />
        </Section>
        <Section step={6} title="Export" id="export">
          <ExportSection.Component />
        </Section>
        <Section step={7} title="Share" id="share">
          <ShareSection.Component />
        </Section>
        <Section step={8} title="Projects" id="projects">
          <ProjectsSection.Component />
        </Section>
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
