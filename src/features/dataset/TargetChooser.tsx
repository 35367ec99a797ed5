import type { TaskKind } from "../../core/data/types";
import { useStudio } from "../../store";
import { selectPlan, selectProfiles } from "../../store/selectors";

export function TargetChooser() {
  const profiles = useStudio(selectProfiles);
  const target = useStudio((s) => s.target);
  const task = useStudio((s) => s.task);
  const setTarget = useStudio((s) => s.setTarget);
  const setTask = useStudio((s) => s.setTask);
  const plan = useStudio(selectPlan);

  return (
    <div className="form-row">
      <label>
        Column to predict
        <select
          data-testid="target-select"
          value={target ?? ""}
          onChange={(e) => setTarget(e.target.value)}
        >
          {profiles.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Task
        <select
          data-testid="task-select"
          value={task}
          onChange={(e) => setTask(e.target.value as TaskKind)}
        >
          <option value="classification">Classification (pick a class)</option>
          <option value="regression">Regression (predict a number)</option>
        </select>
      </label>
      {plan?.ok && (
        <p className="hint">
          {task === "classification"
            ? `${plan.plan.classNames.length} classes: ${plan.plan.classNames.slice(0, 8).join(", ")}${plan.plan.classNames.length > 8 ? "…" : ""}`
            : "The model predicts a number."}{" "}
          · {plan.plan.featureCount} input features
        </p>
      )}
      {plan && !plan.ok && (
        <p className="alert" role="alert">
          {plan.problem}
        </p>
      )}
    </div>
  );
}
