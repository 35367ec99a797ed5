import { useEffect, useState } from "react";
import type { ParamDefinition } from "../../core/model/catalog";
import type { ParamValue } from "../../core/model/spec";

/** Reads "8, 8, 1" as [8, 8, 1]; null when a part is not a whole number. */
export function parseSizeList(text: string): number[] | null {
  const parts = text.split(/[\s,×x]+/).filter((part) => part !== "");
  if (parts.length === 0) return null;
  const values = parts.map(Number);
  return values.every((v) => Number.isInteger(v)) ? values : null;
}

function toText(value: ParamValue): string {
  if (value === null) return "";
  return Array.isArray(value) ? value.join(", ") : String(value);
}

/** Checks a typed value against the parameter; returns the value or a message. */
function parse(
  definition: ParamDefinition,
  text: string,
): { value: ParamValue } | { problem: string } {
  const trimmed = text.trim();
  if (trimmed === "" && (definition.nullable || definition.defaultValue === null))
    return { value: null };
  const { min, max } = definition;
  const outOfRange = (n: number) =>
    min !== undefined && n < min
      ? `at least ${min}`
      : max !== undefined && n > max
        ? `at most ${max}`
        : null;
  if (definition.kind === "shape" || definition.kind === "pair") {
    const list = parseSizeList(trimmed);
    if (!list) return { problem: "Enter whole numbers separated by commas, such as 8, 8, 1." };
    if (definition.kind === "pair" && list.length !== 2)
      return { problem: "Enter two whole numbers, such as 3, 3." };
    const bad = list.map(outOfRange).find((message) => message !== null);
    if (bad) return { problem: `Each size must be ${bad}.` };
    return { value: list };
  }
  const number = Number(trimmed);
  if (trimmed === "" || !Number.isFinite(number)) return { problem: "Enter a number." };
  if (definition.kind === "int" && !Number.isInteger(number))
    return { problem: "Enter a whole number." };
  const bad = outOfRange(number);
  if (bad) return { problem: `Must be ${bad}.` };
  return { value: number };
}

/** One parameter of the selected layer, edited in place with validation and a line of help. */
export function ParamField(props: {
  nodeId: string;
  definition: ParamDefinition;
  value: ParamValue;
  onChange: (value: ParamValue) => void;
}) {
  const { definition, value, onChange } = props;
  const id = `param-${props.nodeId}-${definition.name}`;
  const [text, setText] = useState(toText(value));
  const [problem, setProblem] = useState<string | null>(null);
  // Follow outside changes (undo, a template) without rewriting what is being typed.
  useEffect(() => {
    setText((current) => {
      const typed = parse(definition, current);
      return "value" in typed && toText(typed.value) === toText(value) ? current : toText(value);
    });
  }, [value, definition]);

  if (definition.kind === "bool") {
    return (
      <div className="param">
        <label className="checkbox" htmlFor={id}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange(e.target.checked)}
          />
          {definition.label}
        </label>
        <small id={`${id}-help`}>{definition.help}</small>
      </div>
    );
  }
  if (definition.kind === "enum") {
    return (
      <div className="param">
        <label htmlFor={id}>{definition.label}</label>
        <select
          id={id}
          aria-describedby={`${id}-help`}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
        >
          {(definition.options ?? []).map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
        <small id={`${id}-help`}>{definition.help}</small>
      </div>
    );
  }
  return (
    <div className="param">
      <label htmlFor={id}>{definition.label}</label>
      <input
        id={id}
        type="text"
        inputMode={definition.kind === "shape" || definition.kind === "pair" ? "text" : "decimal"}
        placeholder={definition.nullable ? "automatic" : undefined}
        value={text}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-help`}
        onChange={(e) => {
          setText(e.target.value);
          const result = parse(definition, e.target.value);
          if ("problem" in result) {
            setProblem(result.problem);
          } else {
            setProblem(null);
            onChange(result.value);
          }
        }}
      />
      {problem && (
        <small className="param-problem" role="alert">
          {problem}
        </small>
      )}
      <small id={`${id}-help`}>{definition.help}</small>
    </div>
  );
}
