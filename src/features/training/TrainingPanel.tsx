import { LossChart } from "./LossChart";
import { TrainingControls } from "./TrainingControls";
import { TrainingSettings } from "./TrainingSettings";

export function TrainingPanel() {
  return (
    <div className="stack">
      <TrainingSettings />
      <TrainingControls />
      <LossChart />
    </div>
  );
}
