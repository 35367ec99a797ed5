import { LossChart } from "./LossChart";
import { TrainingNotes } from "./TrainingNotes";
import { TrainingSettings } from "./TrainingSettings";

/** Settings, notes and curves; Train, Stop and the status live in the run bar (RunBar). */
export function TrainingPanel() {
  return (
    <div className="stack">
      <TrainingSettings />
      <p className="hint">Train and Stop are in the bar at the top of the page.</p>
      <TrainingNotes />
      <LossChart />
    </div>
  );
}
