import type { Preprocessing } from "../../core/data/types";
import type { RawRecord } from "../../core/project/trainedModel";
import {
  booleanChecked,
  dateCellText,
  dateInputValue,
  fieldFor,
  type RecordField,
} from "../../core/predict/recordFields";

/** The value a select shows for a missing category. */
const MISSING = "";

function FieldInput(props: {
  field: RecordField;
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { field, value, onChange } = props;
  switch (field.kind) {
    case "number":
      return (
        <input
          type={field.decimalComma ? "text" : "number"}
          inputMode="decimal"
          step="any"
          data-column={field.column}
          value={value ?? ""}
          placeholder="missing"
          onChange={(e) => onChange(e.target.value.trim() === "" ? null : e.target.value)}
        />
      );
    case "category": {
      // A row may hold a category too rare to be in the vocabulary: keep it choosable as it is.
      const unseen = value !== null && !field.categories.includes(value) ? [value] : [];
      return (
        <select
          data-column={field.column}
          value={value ?? MISSING}
          onChange={(e) => onChange(e.target.value === MISSING ? null : e.target.value)}
        >
          <option value={MISSING}>(missing)</option>
          {field.categories.map((category) => (
            <option key={category} value={category}>
              {category}
            </option>
          ))}
          {unseen.map((category) => (
            <option key={category} value={category}>
              {category} (not seen in training)
            </option>
          ))}
        </select>
      );
    }
    case "boolean":
      return (
        <input
          type="checkbox"
          data-column={field.column}
          checked={booleanChecked(value)}
          onChange={(e) => onChange(e.target.checked ? "true" : "false")}
        />
      );
    case "date":
      return (
        <input
          type="date"
          data-column={field.column}
          value={dateInputValue(value, field.order)}
          onChange={(e) => onChange(dateCellText(e.target.value, field.order))}
        />
      );
  }
}

/** One field per input column of the model, holding raw cells as the table would. */
export function RecordForm(props: {
  preprocessing: Preprocessing;
  record: RawRecord;
  onChange: (record: RawRecord) => void;
}) {
  const { preprocessing, record, onChange } = props;
  return (
    <div className="predict-fields">
      {preprocessing.inputs.map((transform) => {
        const field = fieldFor(transform);
        return (
          <label key={field.column} className={field.kind === "boolean" ? "checkbox" : undefined}>
            <span className="predict-field-name">{field.column}</span>
            <FieldInput
              field={field}
              value={record[field.column] ?? null}
              onChange={(value) => onChange({ ...record, [field.column]: value })}
            />
          </label>
        );
      })}
    </div>
  );
}
