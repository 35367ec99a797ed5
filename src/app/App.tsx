import { DatasetPanel } from "../features/dataset/DatasetPanel";
import { EvaluationPanel } from "../features/evaluation/EvaluationPanel";
import { ExportPanel } from "../features/export/ExportPanel";
import { PredictPanel } from "../features/predict/PredictPanel";
import { ModelPanel } from "../features/model-editor/ModelPanel";
import { TrainingPanel } from "../features/training/TrainingPanel";
import { SectionBoundary } from "./SectionBoundary";

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Model Studio</h1>
        <p>
          Train a neural network on your own table, in your browser. Your data never leaves this
          machine.
        </p>
        <nav className="jump-links" aria-label="Sections">
          Go to: <a href="#data">Data</a> · <a href="#model">Model</a> ·{" "}
          <a href="#training">Training</a> · <a href="#evaluation">Evaluation</a> ·{" "}
          <a href="#try-it">Try it</a> · <a href="#export">Export</a>
        </nav>
      </header>
      <main>
        <Section step={1} title="Data" id="data">
          <DatasetPanel />
        </Section>
        <Section step={2} title="Model" id="model">
          <ModelPanel />
        </Section>
        <Section step={3} title="Training" id="training">
          <TrainingPanel />
        </Section>
        <Section step={4} title="Evaluation" id="evaluation">
          <EvaluationPanel />
        </Section>
        <Section step={5} title="Try it" id="try-it">
          <PredictPanel />
        </Section>
        <Section step={6} title="Export" id="export">
          <ExportPanel />
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
      <SectionBoundary title={props.title}>{props.children}</SectionBoundary>
    </section>
  );
}
