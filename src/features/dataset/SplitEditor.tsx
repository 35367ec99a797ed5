import { splitProblem } from "../../core/data/split";
import type { SplitFractions } from "../../core/data/types";
import { useStudio } from "../../store";
import { selectPlan } from "../../store/selectors";

const LABELS: Record<keyof SplitFractions, string> = {
  train: "Training %",
  validation: "Validation %",
  test: "Test %",
};

/**
 * Train/validation/test shares in percent. The store holds what the person typed, valid or not, so
 * an invalid split blocks training (selectTrainBlocker) instead of silently keeping the old one.
 */
export function SplitEditor() {
  const split = useStudio((s) => s.split);
  const setSplit = useStudio((s) => s.setSplit);
  const plan = useStudio(selectPlan);
  const problem = splitProblem(split);
  const sizes = plan?.ok && !problem ? plan.plan.sizes : null;

  const change = (key: keyof SplitFractions, percent: number) =>
    setSplit({ ...split, [key]: (Number.isFinite(percent) ? percent : 0) / 100 });

  return (
    <fieldset className="form-row">
      <legend>Split (stratified by class, same seed → same split)</legend>
      {(["train", "validation", "test"] as const).map((key) => (
        <label key={key}>
          {LABELS[key]}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={Math.round(split[key] * 1000) / 10}
            aria-invalid={problem !== null}
            onChange={(e) => change(key, Number(e.target.value))}
          />
          {sizes && <small>{sizes[key]} rows</small>}
        </label>
      ))}
      {problem && (
        <p className="alert" role="alert">
          {problem} Training waits until the split is fixed.
        </p>
      )}
    </fieldset>
  );
}
