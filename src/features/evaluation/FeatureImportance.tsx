import type { PermutationImportance } from "../../core/eval/importance";
import { useStudio } from "../../store";
import { IMPORTANCE_REPEATS } from "../../core/eval/importance";
import { METRICS } from "../../core/eval/metricTable";
import { useMemo } from "react";
import {
  correlatedColumnGroups,
  STRONG_CORRELATION,
  type CorrelatedGroup,
} from "../../core/eval/correlatedColumns";
import "./evaluation.css";

/**
 * Permutation importance: how much the model's score drops when one input column's values are
 * shuffled across the test rows. Measured in the predict worker on request, with progress.
 */
export function FeatureImportance() {
  const evaluation = useStudio((s) => s.evaluation);
  const run = useStudio((s) => (s.importance?.evaluation === s.evaluation ? s.importance : null));
  const measure = useStudio((s) => s.measureImportance);
  const preprocessing = useStudio((s) => s.trainedModel?.preprocessing ?? null);
  const groups = useMemo(
    () =>
      evaluation && preprocessing && evaluation.testRows.rows > 0
        ? correlatedColumnGroups(evaluation.testRows.x, evaluation.testRows.rows, preprocessing)
        : [],
    [evaluation, preprocessing],
  );
  if (!evaluation || !preprocessing || evaluation.testRows.rows === 0) return null;
  const score =
    evaluation.report.kind === "classification"
      ? METRICS.accuracy.label.toLowerCase()
      : METRICS.r2.label;
  return (
    <section className="stack" aria-labelledby="importance-heading">
      <h3 id="importance-heading">What the model relies on</h3>
      <p className="hint">
        Each input column is shuffled across the test rows ({IMPORTANCE_REPEATS} times, seeded) and
        the drop in {score} is measured: a large drop means the model leans on that column; about
        zero means it ignores it.
      </p>
      {run?.state !== "done" && (
        <div>
          <button
            type="button"
            className="secondary"
            data-testid="importance-button"
            disabled={run?.state === "running"}
            onClick={() => void measure()}
          >
            Measure what the model relies on
          </button>
        </div>
      )}
      {run?.state === "running" && (
        <p className="hint" role="status">
          Shuffling columns…{" "}
          <progress value={run.done} max={run.total || 1} aria-label="Importance progress" />{" "}
          {run.total > 0 ? `${run.done} of ${run.total} predictions` : ""}
        </p>
      )}
      {run?.state === "error" && (
        <p role="alert" className="alert">
          The importance could not be measured: {run.error} Train again, then retry.
        </p>
      )}
      {run?.state === "done" && <ImportanceTable result={run.result} score={score} />}
      {run?.state === "done" && groups.length > 0 && <SharedImportance groups={groups} />}
    </section>
  );
}

function ImportanceTable(props: { result: PermutationImportance; score: string }) {
  const { result, score } = props;
  const sorted = [...result.columns].sort((a, b) => b.mean - a.mean);
  const largest = Math.max(1e-12, ...sorted.map((c) => Math.abs(c.mean)));
  return (
    <div className="table-scroll">
      <table data-testid="feature-importance" className="metrics-table">
        <caption>
          Drop in {score} when the column is shuffled (unshuffled {score}{" "}
          {result.baseline.toFixed(3)}), mean ± standard deviation over the shuffles
        </caption>
        <thead>
          <tr>
            <th scope="col">Input column</th>
            <th scope="col">Drop in {score}</th>
            <th scope="col">± std</th>
            <th scope="col">
              <span className="visually-hidden">Bar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((c) => (
            <tr
              key={c.column}
              data-feature={c.column}
              data-value={String(c.mean)}
              data-std={String(c.std)}
            >
              <th scope="row">{c.column}</th>
              <td className="number">{c.mean.toFixed(3)}</td>
              <td className="number">{c.std.toFixed(3)}</td>
              <td aria-hidden="true">
                <span
                  className="importance-bar"
                  style={{ width: `${Math.max(0, (c.mean / largest) * 160)}px` }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Columns that move together share their importance: shuffling one leaves the other to tell. */
function SharedImportance({ groups }: { groups: CorrelatedGroup[] }) {
  return (
    <div className="hint" data-testid="correlated-columns">
      <p>
        Some input columns move together (|r| ≥ {STRONG_CORRELATION} on the test rows), so they
        share their importance: shuffling one leaves the others to carry the same information, and
        each looks less important than the group is.
      </p>
      <ul>
        {groups.map((group) => (
          <li key={group.columns.join("|")} data-columns={group.columns.join(",")}>
            {group.columns.map((c) => `“${c}”`).join(", ")} (|r| up to {group.strongest.toFixed(2)})
          </li>
        ))}
      </ul>
    </div>
  );
}
