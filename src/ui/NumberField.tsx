import { useEffect, useId, useState } from "react";

/**
 * A number input that lets a person type freely (an empty box, "0.") and hands on only the values
 * that parse; the box is marked invalid while its text is not a number or `problemOf` finds fault
 * with it, and that problem is shown beside it.
 */
export function NumberField(props: {
  label: string;
  value: number;
  onChange: (value: number) => void;
  testId?: string;
  min?: number;
  max?: number;
  step?: number | "any";
  integer?: boolean;
  disabled?: boolean;
  /** Shown as the field's description. */
  help?: string;
  /** What is wrong with a parsed value, or null when it is fine. */
  problemOf?: (value: number) => string | null;
}) {
  const { value, onChange, integer = false, min, max, problemOf } = props;
  const [text, setText] = useState(String(value));
  const problemId = useId();
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  const parsed = Number(text);
  const notANumber = text.trim() === "" || !Number.isFinite(parsed);
  const problem = notANumber ? null : (problemOf?.(parsed) ?? null);
  const invalid =
    notANumber ||
    problem !== null ||
    (integer && !Number.isInteger(parsed)) ||
    (min !== undefined && parsed < min) ||
    (max !== undefined && parsed > max);
  return (
    <label title={props.help}>
      {props.label}
      <input
        type="number"
        data-testid={props.testId}
        value={text}
        min={min}
        max={max}
        step={props.step ?? (integer ? 1 : "any")}
        disabled={props.disabled}
        aria-invalid={invalid}
        aria-describedby={problem && !props.disabled ? problemId : undefined}
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(next)) onChange(next);
        }}
      />
      {problem && !props.disabled && (
        <span className="alert" id={problemId} role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
