import { METRICS } from "../../core/eval/metricTable";
import { metricExplanations } from "../../core/eval/metrics";
import type { RegressionReport } from "../../core/eval/types";
import { MetricCell } from "./MetricCell";
import { PredictedVsActualPlot } from "./PredictedVsActualPlot";
import "./evaluation.css";

const ROWS = (["mae", "mse", "rmse", "r2"] as const).map((key) => ({
  key,
  label: METRICS[key].label,
}));

const tickFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });
const formatTick = (value: number) => tickFormat.format(value);

/** A range a little wider than the data, on round numbers, for both axes of the plot. */
function plotDomain(points: Array<{ actual: number; predicted: number }>): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const p of points) {
    for (const v of [p.actual, p.predicted]) {
      if (!Number.isFinite(v)) continue;
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  }
  if (!Number.isFinite(low)) return [0, 1];
  const span = high - low || Math.abs(high) || 1;
  const step = 10 ** Math.floor(Math.log10(span / 5));
  return [Math.floor(low / step) * step, Math.ceil(high / step) * step];
}

export function RegressionView({
  report,
  points,
  targetName,
  linear = null,
}: {
  report: RegressionReport;
  /** The linear model's metrics on the same test rows. */
  linear?: RegressionReport | null;
  /** At most a few thousand rows of the test split (a sample when it is larger). */
  points: Array<{ actual: number; predicted: number }>;
  targetName: string;
}) {
  const [low, high] = plotDomain(points);
  return (
    <>
      <div className="headline">
        <p>
          {METRICS.r2.label} <strong>{report.r2.toFixed(3)}</strong>{" "}
          <span className="muted">
            (always guessing the training average, {report.baseline.value.toFixed(3)}, scores{" "}
            {report.baseline.r2.toFixed(3)})
          </span>
        </p>
      </div>
      <table data-testid="eval-table" className="metrics-table">
        <caption>Metrics on the test split</caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Model</th>
            <th scope="col">Baseline (mean)</th>
            {linear && (
              <th scope="col" title={metricExplanations.linear}>
                Linear model
              </th>
            )}
            <th scope="col">What it means</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <MetricCell metric={key} value={report[key]} digits={key === "r2" ? 3 : 2} />
              <td
                className="number muted"
                data-baseline={key}
                data-source="mean"
                data-value={String(report.baseline[key])}
              >
                {report.baseline[key].toFixed(key === "r2" ? 3 : 2)}
              </td>
              {linear && (
                <td
                  className="number"
                  data-baseline={key}
                  data-source="linear"
                  data-value={String(linear[key])}
                >
                  {linear[key].toFixed(key === "r2" ? 3 : 2)}
                </td>
              )}
              <td className="explain">{metricExplanations[key]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {points.length > 0 && (
        <figure className="scatter">
          <figcaption>
            Predicted vs. actual {targetName} on the test split (points on the dashed diagonal are
            perfect
            {points.length < report.testSize
              ? `; ${points.length} of ${report.testSize} rows shown`
              : ""}
            )
          </figcaption>
          <PlotAlternative points={points} report={report} targetName={targetName} />
          <div aria-hidden="true">
            <PredictedVsActualPlot points={points} domain={[low, high]} targetName={targetName} />
          </div>
        </figure>
      )}
    </>
  );
}

/** The plot in words and as a short table, for screen readers (the plot is hidden from them). */
function PlotAlternative(props: {
  points: Array<{ actual: number; predicted: number }>;
  report: RegressionReport;
  targetName: string;
}) {
  const { points, report, targetName } = props;
  const step = Math.max(1, Math.ceil(points.length / 20));
  const rows = points.filter((_, i) => i % step === 0);
  let worst = points[0];
  for (const p of points)
    if (worst && Math.abs(p.predicted - p.actual) > Math.abs(worst.predicted - worst.actual))
      worst = p;
  return (
    <>
      <p className="visually-hidden">
        {points.length} test rows plotted. Predictions are off by {report.mae.toPrecision(3)} on
        average (mean absolute error); R² is {report.r2.toFixed(3)}.
        {worst &&
          ` The largest miss: actual ${formatTick(worst.actual)}, predicted ${formatTick(worst.predicted)}.`}
      </p>
      <table className="visually-hidden">
        <caption>
          Actual and predicted {targetName}, {rows.length} of {points.length} plotted rows
        </caption>
        <thead>
          <tr>
            <th scope="col">Actual</th>
            <th scope="col">Predicted</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p, i) => (
            <tr key={i}>
              <td>{formatTick(p.actual)}</td>
              <td>{formatTick(p.predicted)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
