import { MlpForm } from "./MlpForm";
import { ModelSummary } from "./ModelSummary";

export function ModelPanel() {
  return (
    <div className="model-panel">
      <MlpForm />
      <ModelSummary />
    </div>
  );
}
