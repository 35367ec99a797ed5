import { DatasetPanel } from "../features/dataset/DatasetPanel";
import { EvaluationPanel } from "../features/evaluation/EvaluationPanel";
import { ModelPanel } from "../features/model-editor/ModelPanel";
import { TrainingPanel } from "../features/training/TrainingPanel";

export function App() {
  return (
    <div className="app">
      <header className="app-header">
        <h1>Model Studio</h1>
        <p>
          Train a neural network on your own table, in your browser. Your data never leaves this
          machine.
        </p>
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
      </main>
    </div>
  );
}

function Section(props: { step: number; title: string; id: string; children: React.ReactNode }) {
  return (
    <section className="panel" aria-labelledby={`${props.id}-heading`}>
      <h2 id={`${props.id}-heading`}>
        <span className="step" aria-hidden="true">
          {props.step}
        </span>
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}
