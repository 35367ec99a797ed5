import { useMemo, useState } from "react";
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ProjectRun } from "../../core/project/project";
import { mainMetrics, runChanges } from "../../core/project/runChanges";
import { useStudio } from "../../store";
import { formatWhen, plural } from "../../ui/format";

/** Distinct, colour-blind-safe line colours (Okabe–Ito); each line also has its own dash. */
const COLORS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];
const DASHES = ["", "6 3", "2 2", "8 3 2 3", "4 4", "1 3"];

const when = (iso: string) => formatWhen(iso);
const label = (index: number) => `Run ${index + 1}`;

/** The chosen runs' validation (else training) loss per epoch, on one chart. */
function CompareCurves(props: { runs: Array<{ run: ProjectRun; index: number }> }) {
  const data = useMemo(() => {
    const epochs = Math.max(...props.runs.map(({ run }) => run.history.length));
    return Array.from({ length: epochs }, (_, i) => {
      const row: Record<string, number | null> = { epoch: i + 1 };
      for (const { run, index } of props.runs) {
        const epoch = run.history[i];
        row[label(index)] = epoch ? (epoch.valLoss ?? epoch.loss) : null;
      }
      return row;
    });
  }, [props.runs]);
  return (
    <figure className="run-compare-chart" aria-label="Validation loss of the chosen runs">
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" label={{ value: "epoch", position: "insideBottom", offset: -4 }} />
          <YAxis width={56} />
          <Tooltip />
          <Legend />
          {props.runs.map(({ index }, i) => (
            <Line
              key={index}
              dataKey={label(index)}
              stroke={COLORS[i % COLORS.length]}
              strokeDasharray={DASHES[i % DASHES.length]}
              dot={false}
              isAnimationActive={false}
              connectNulls
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="hint">
        Validation loss per epoch (training loss without validation rows).
      </figcaption>
    </figure>
  );
}

/** The chosen runs' main metrics side by side. */
function CompareMetrics(props: { runs: Array<{ run: ProjectRun; index: number }> }) {
  const all = props.runs.flatMap(({ run }) => mainMetrics(run));
  const metrics = [...new Set(all.map((m) => m.metric))];
  const labelOf = (metric: string) => all.find((m) => m.metric === metric)?.label ?? metric;
  return (
    <table className="run-compare" data-testid="run-compare">
      <caption>Test-split metrics of the chosen runs</caption>
      <thead>
        <tr>
          <th scope="col">metric</th>
          {props.runs.map(({ run, index }) => (
            <th scope="col" key={run.id} data-run-id={run.id}>
              {label(index)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {metrics.map((metric) => (
          <tr key={metric}>
            <th scope="row">{labelOf(metric)}</th>
            {props.runs.map(({ run }) => {
              const value = mainMetrics(run).find((m) => m.metric === metric)?.value;
              return (
                <td key={run.id} data-run-id={run.id} data-metric={metric} data-value={value}>
                  {value === undefined ? "—" : value.toFixed(4)}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Every run of the project: what changed, where and how long it trained, how it scored. */
export function RunHistory() {
  const runs = useStudio((s) => s.projectRuns);
  const currentRunId = useStudio((s) => s.currentRunId);
  const { restoreRun, dropRunWeights } = useStudio.getState();
  const [chosen, setChosen] = useState<string[]>([]);
  const compared = runs
    .map((run, index) => ({ run, index }))
    .filter(({ run }) => chosen.includes(run.id));

  if (runs.length === 0)
    return (
      <p className="hint">
        Each training run is kept here with its settings, curves, report and model.
      </p>
    );
  return (
    <div className="stack">
      <table className="run-history" data-testid="run-history">
        <caption>Runs of this project, oldest first; choose two or more to compare them.</caption>
        <thead>
          <tr>
            <th scope="col">compare</th>
            <th scope="col">run</th>
            <th scope="col">what changed</th>
            <th scope="col">backend</th>
            <th scope="col">time</th>
            <th scope="col">metrics</th>
            <th scope="col">actions</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run, index) => {
            const previous = runs[index - 1];
            const changes = previous ? runChanges(previous, run) : [];
            return (
              <tr
                key={run.id}
                data-run-id={run.id}
                aria-current={run.id === currentRunId ? "true" : undefined}
              >
                <td>
                  <input
                    type="checkbox"
                    aria-label={`Compare ${label(index)}`}
                    checked={chosen.includes(run.id)}
                    onChange={(e) =>
                      setChosen(
                        e.target.checked
                          ? [...chosen, run.id]
                          : chosen.filter((id) => id !== run.id),
                      )
                    }
                  />
                </td>
                <td>
                  {label(index)}
                  <br />
                  <span className="hint">{when(run.startedAt)}</span>
                </td>
                <td>
                  {previous ? (changes.length > 0 ? changes.join("; ") : "nothing") : "first run"}
                </td>
                <td>{run.backend}</td>
                <td>
                  {run.model?.linearFit
                    ? "fitted in one go"
                    : `${run.seconds.toFixed(1)} s · ${plural(run.history.length, "epoch")}`}
                </td>
                <td>
                  {mainMetrics(run)
                    .map((m) => `${m.label} ${m.value.toFixed(3)}`)
                    .join(", ")}
                </td>
                <td>
                  <button type="button" onClick={() => restoreRun(run.id)}>
                    Restore
                  </button>{" "}
                  {run.model ? (
                    <button type="button" onClick={() => dropRunWeights(run.id)}>
                      Drop weights
                    </button>
                  ) : (
                    <span className="hint">weights dropped</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {compared.length >= 2 && (
        <>
          <CompareCurves runs={compared} />
          <CompareMetrics runs={compared} />
        </>
      )}
    </div>
  );
}
