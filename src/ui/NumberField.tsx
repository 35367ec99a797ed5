import { useEffect, useState } from "react";

/**
 * A number input that lets a person type freely (an empty box, "0.") and hands on only the values
 * that parse; the box shows a message while its text is not a valid number.
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
}) {
  const { value, onChange, integer = false, min, max } = props;
  const [text, setText] = useState(String(value));
  useEffect(() => {
    setText((current) => (Number(current) === value ? current : String(value)));
  }, [value]);
  const parsed = Number(text);
  const invalid =
    text.trim() === "" ||
    !Number.isFinite(parsed) ||
    (integer && !Number.isInteger(parsed)) ||
    (min !== undefined && parsed < min) ||
    (max !== undefined && parsed > max);
  return (
    <label>
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
        onChange={(e) => {
          setText(e.target.value);
          const next = Number(e.target.value);
          if (e.target.value.trim() !== "" && Number.isFinite(next)) onChange(next);
        }}
      />
    </label>
  );
}
