import { isInputType } from "../../core/data/columnKinds";
import { parseNumber, typeDefaults } from "../../core/data/columns";
import type {
  ColumnProfile,
  ColumnSettings,
  ColumnType,
  DateOrder,
  ImputeStrategy,
  NumericScaling,
} from "../../core/data/types";
import { useStudio } from "../../store";
import { selectProfiles } from "../../store/selectors";

const TYPE_LABELS: Record<ColumnType, string> = {
  numeric: "Numeric",
  categorical: "Categorical",
  boolean: "Boolean",
  date: "Date",
  identifier: "Identifier",
  text: "Free text",
  empty: "Empty",
};

function formatNumber(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "–";
  return Math.abs(value) >= 1e5 || (Math.abs(value) < 1e-3 && value !== 0)
    ? value.toExponential(2)
    : Number(value.toFixed(3)).toString();
}

const DATE_ORDER_LABELS: Record<DateOrder, string> = {
  iso: "ISO (Y-M-D)",
  dmy: "D/M/Y",
  mdy: "M/D/Y",
};

/** Days since 1970-01-01 UTC as YYYY-MM-DD. */
const isoDay = (days: number | undefined) =>
  days === undefined || !Number.isFinite(days)
    ? "–"
    : new Date(Math.floor(days) * 86_400_000).toISOString().slice(0, 10);

function describe(profile: ColumnProfile): string {
  if (profile.inferredType === "date") return `${isoDay(profile.min)} … ${isoDay(profile.max)}`;
  if (profile.inferredType === "numeric") {
    return `${formatNumber(profile.min)} … ${formatNumber(profile.max)}, mean ${formatNumber(profile.mean)}`;
  }
  return profile.topValues.map((v) => `${v.value} (${v.count})`).join(", ");
}

/** One row per column: type, use, missing and unique counts, a summary, and how to fill gaps. */
export function ColumnTable() {
  const profiles = useStudio(selectProfiles);
  const settings = useStudio((s) => s.columnSettings);
  const target = useStudio((s) => s.target);
  const update = useStudio((s) => s.updateColumn);

  return (
    <details className="column-details" open={profiles.length <= 30}>
      <summary>Columns ({profiles.length})</summary>
      <div className="table-scroll">
        <table className="column-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Use</th>
              <th scope="col">Type</th>
              <th scope="col">Missing</th>
              <th scope="col">Unique</th>
              <th scope="col">Values</th>
              <th scope="col">Fill missing with</th>
              <th scope="col">Scaling / date order</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((profile) => {
              const setting = settings.find((s) => s.name === profile.name);
              if (!setting) return null;
              return (
                <ColumnRow
                  key={profile.name}
                  profile={profile}
                  setting={setting}
                  isTarget={profile.name === target}
                  onChange={(patch) => update(profile.name, patch)}
                />
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ColumnRow(props: {
  profile: ColumnProfile;
  setting: ColumnSettings;
  isTarget: boolean;
  onChange: (patch: Partial<Omit<ColumnSettings, "name">>) => void;
}) {
  const { profile, setting, isTarget, onChange } = props;
  const numeric = setting.type === "numeric";
  const unusable = !isInputType(setting.type);
  const name = profile.name;
  return (
    <tr className={isTarget ? "target-row" : undefined}>
      <th scope="row">
        {name}
        {isTarget && <span className="tag">target</span>}
      </th>
      <td>
        <input
          type="checkbox"
          aria-label={`Use ${name}`}
          checked={isTarget || (setting.use && !unusable)}
          disabled={isTarget || unusable}
          onChange={(e) => onChange({ use: e.target.checked })}
        />
      </td>
      <td>
        <select
          aria-label={`Type of ${name}`}
          value={setting.type}
          onChange={(e) => {
            const type = e.target.value as ColumnType;
            onChange({ type, use: isInputType(type), ...typeDefaults(type, profile) });
          }}
        >
          {(Object.keys(TYPE_LABELS) as ColumnType[])
            // Numbers and dates only where the values read as such.
            .filter((t) => t !== "numeric" || profile.inferredType === "numeric")
            .filter((t) => t !== "date" || profile.dateOrder !== undefined)
            .map((t) => (
              <option key={t} value={t}>
                {TYPE_LABELS[t]}
              </option>
            ))}
        </select>
      </td>
      <td>{profile.missingCount}</td>
      <td>{profile.uniqueCount}</td>
      <td className="values-cell">{describe(profile)}</td>
      <td>
        {!isTarget && setting.type === "date" && <span className="muted">Median date</span>}
        {!isTarget && !unusable && setting.type !== "date" && (
          <select
            aria-label={`Fill missing values of ${name}`}
            value={setting.impute}
            onChange={(e) => {
              const impute = e.target.value as ImputeStrategy;
              onChange({
                impute,
                imputeConstant: impute !== "constant" ? "" : numeric ? "0" : "(missing)",
              });
            }}
          >
            {numeric && <option value="mean">Mean</option>}
            {numeric && <option value="median">Median</option>}
            <option value="most-frequent">Most frequent</option>
            {setting.type === "categorical" && (
              <option value="missing-category">“(missing)” category</option>
            )}
            <option value="constant">A value of your own…</option>
          </select>
        )}
        {!isTarget && !unusable && setting.impute === "constant" && (
          <input
            type="text"
            className="constant-input"
            aria-label={`Value that fills missing cells of ${name}`}
            aria-invalid={
              numeric && Number.isNaN(parseNumber(setting.imputeConstant, profile.decimalComma))
            }
            value={setting.imputeConstant}
            onChange={(e) => onChange({ imputeConstant: e.target.value })}
          />
        )}
      </td>
      <td>
        {numeric && !isTarget && (
          <select
            aria-label={`Scaling of ${name}`}
            value={setting.scaling}
            onChange={(e) => onChange({ scaling: e.target.value as NumericScaling })}
          >
            <option value="standardize">Standardise</option>
            <option value="minmax">Min–max</option>
            <option value="none">None</option>
          </select>
        )}
        {setting.type === "date" && !isTarget && (
          <select
            aria-label={`Date order of ${name}`}
            value={setting.dateOrder ?? "iso"}
            onChange={(e) => onChange({ dateOrder: e.target.value as DateOrder })}
          >
            {(Object.keys(DATE_ORDER_LABELS) as DateOrder[]).map((order) => (
              <option key={order} value={order}>
                {DATE_ORDER_LABELS[order]}
              </option>
            ))}
          </select>
        )}
      </td>
    </tr>
  );
}
