import { useState } from "react";
import { useStudio } from "../../store";
import { selectPlan } from "../../store/selectors";

/** Train/validation/test shares in percent; applied when they add up to 100. */
export function SplitEditor() {
  const split = useStudio((s) => s.split);
  const setSplit = useStudio((s) => s.setSplit);
  const plan = useStudio(selectPlan);
  const [draft, setDraft] = useState({
    train: Math.round(split.train * 100),
    validation: Math.round(split.validation * 100),
    test: Math.round(split.test * 100),
  });
  const total = draft.train + draft.validation + draft.test;
  const valid = total === 100 && draft.train > 0 && draft.test > 0 && draft.validation >= 0;

  const change = (key: keyof typeof draft, value: number) => {
    const next = { ...draft, [key]: value };
    setDraft(next);
    const sum = next.train + next.validation + next.test;
    if (sum === 100 && next.train > 0 && next.test > 0 && next.validation >= 0) {
      setSplit({
        train: next.train / 100,
        validation: next.validation / 100,
        test: next.test / 100,
      });
    }
  };

  const sizes = plan?.ok ? plan.plan.sizes : null;
  return (
    <fieldset className="form-row">
      <legend>Split (stratified by class, same seed → same split)</legend>
      {(["train", "validation", "test"] as const).map((key) => (
        <label key={key}>
          {key === "train" ? "Training %" : key === "validation" ? "Validation %" : "Test %"}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            value={draft[key]}
            onChange={(e) => change(key, Number(e.target.value))}
          />
          {sizes && <small>{sizes[key]} rows</small>}
        </label>
      ))}
      {!valid && (
        <p className="alert" role="alert">
          The shares add up to {total}%; make them add up to 100% with some rows for training and
          testing.
        </p>
      )}
    </fieldset>
  );
}
