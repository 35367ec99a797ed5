import { memo, useMemo } from "react";
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
import { describeEpochCurves, thinEvenly } from "../../core/train/curveSummary";
import type { EpochMetrics } from "../../core/train/types";
import { legendText } from "../../ui/legendText";

/** Exponential moving average with TensorBoard's debiasing, thinned to at most `maxPoints`. */
export function smoothLosses(losses: number[], weight = 0.9, maxPoints = 400) {
  const points: Array<{ step: number; loss: number; smoothed: number }> = [];
  let average = 0;
  const every = Math.max(1, Math.ceil(losses.length / maxPoints));
  losses.forEach((loss, i) => {
    average = average * weight + (1 - weight) * loss;
    const smoothed = average / (1 - weight ** (i + 1));
    if (i % every === 0 || i === losses.length - 1) points.push({ step: i + 1, loss, smoothed });
  });
  return points;
}

const AXIS_STYLE = { fontSize: 12 };

const formatValue = (value: number | null) => (value === null ? "–" : value.toPrecision(4));

/** One per-epoch curve pair: training solid, validation dashed. */
const EpochChart = memo(function EpochChart(props: {
  caption: string;
  data: EpochMetrics[];
  yLabel: string;
  training: "loss" | "metric";
  validation: "valLoss" | "valMetric";
  domain?: [number, number];
  /** What the chart shows, in words, for screen readers (the chart itself is hidden from them). */
  summary: string;
}) {
  const rows = thinEvenly(props.data, 25);
  return (
    <figure>
      <figcaption>{props.caption}</figcaption>
      <p className="visually-hidden">{props.summary}</p>
      <table className="visually-hidden">
        <caption>
          {props.caption}
          {rows.length < props.data.length ? `, ${rows.length} of ${props.data.length} epochs` : ""}
        </caption>
        <thead>
          <tr>
            <th scope="col">Epoch</th>
            <th scope="col">Training</th>
            <th scope="col">Validation</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.epoch}>
              <th scope="row">{row.epoch}</th>
              <td>{formatValue(row[props.training])}</td>
              <td>{formatValue(row[props.validation])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div aria-hidden="true">
        <ResponsiveContainer width="100%" height={220}>
          <LineChart
            data={props.data}
            accessibilityLayer={false}
            margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="epoch"
              tick={AXIS_STYLE}
              label={{ value: "Epoch", position: "insideBottom", offset: -12 }}
            />
            <YAxis
              tick={AXIS_STYLE}
              width={60}
              domain={props.domain ?? ["auto", "auto"]}
              label={{
                value: props.yLabel,
                angle: -90,
                position: "insideLeft",
                style: { textAnchor: "middle" },
              }}
            />
            <Tooltip formatter={(value) => Number(value).toFixed(4)} />
            <Legend verticalAlign="top" formatter={legendText} />
            <Line
              type="monotone"
              dataKey={props.training}
              name="Training"
              stroke="#2563eb"
              dot={false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey={props.validation}
              name="Validation"
              stroke="#d97706"
              strokeDasharray="6 3"
              dot={false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});

/** Loss and the task's metric per epoch, training beside validation: a live run's or a kept one's. */
function EpochCurves(props: { history: EpochMetrics[]; task: "classification" | "regression" }) {
  const { history, task } = props;
  const metricName = task === "classification" ? "Accuracy" : "MAE (target units)";
  const epochPoints = useMemo(() => thinEvenly(history, 400), [history]);
  return (
    <>
      <EpochChart
        caption="Loss per epoch (lower is better)"
        data={epochPoints}
        yLabel={task === "classification" ? "Cross-entropy loss" : "MSE loss (standardised)"}
        training="loss"
        validation="valLoss"
        summary={describeEpochCurves(history, "loss", "loss", false)}
      />
      <EpochChart
        caption={`${metricName} per epoch (${task === "classification" ? "higher" : "lower"} is better)`}
        data={epochPoints}
        yLabel={metricName}
        training="metric"
        validation="valMetric"
        summary={describeEpochCurves(
          history,
          "metric",
          metricName.toLowerCase(),
          task === "classification",
        )}
        domain={task === "classification" ? [0, 1] : undefined}
      />
    </>
  );
}

/** Per-epoch curves of a finished run (a shared or imported model's history). */
export function HistoryCurves(props: {
  history: EpochMetrics[];
  task: "classification" | "regression";
}) {
  const { history, task } = props;
  if (history.length === 0) return <p className="hint">No curves were kept with this model.</p>;
  return (
    <div data-testid="history-chart" className="charts history-charts">
      <EpochCurves history={history} task={task} />
    </div>
  );
}

/** A live run's curves: per epoch, and every batch's loss smoothed. Loaded with recharts, lazily. */
export function LiveCurves(props: {
  history: EpochMetrics[];
  batchLosses: number[];
  task: "classification" | "regression";
}) {
  const { history, batchLosses, task } = props;
  const batchPoints = useMemo(() => smoothLosses(batchLosses, 0.9, 300), [batchLosses]);
  const firstBatch = batchPoints[0];
  const lastBatch = batchPoints[batchPoints.length - 1];
  return (
    <>
      <EpochCurves history={history} task={task} />
      <figure>
        <figcaption>Loss per batch, smoothed</figcaption>
        <p className="visually-hidden">
          {lastBatch
            ? `${batchLosses.length} batches so far; the smoothed loss is now ${lastBatch.smoothed.toPrecision(3)}, from ${firstBatch?.smoothed.toPrecision(3)} at the first batch.`
            : "No batches yet."}
        </p>
        <div aria-hidden="true">
          <ResponsiveContainer width="100%" height={180}>
            <LineChart
              data={batchPoints}
              accessibilityLayer={false}
              margin={{ top: 8, right: 16, bottom: 24, left: 8 }}
            >
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis
                dataKey="step"
                type="number"
                domain={["dataMin", "dataMax"]}
                tick={AXIS_STYLE}
                label={{ value: "Batch", position: "insideBottom", offset: -12 }}
              />
              <YAxis
                tick={AXIS_STYLE}
                width={60}
                label={{
                  value: "Loss",
                  angle: -90,
                  position: "insideLeft",
                  style: { textAnchor: "middle" },
                }}
              />
              <Tooltip formatter={(value) => Number(value).toFixed(4)} />
              <Legend verticalAlign="top" formatter={legendText} />
              <Line
                type="monotone"
                dataKey="loss"
                name="Raw"
                stroke="#93c5fd"
                dot={false}
                isAnimationActive={false}
              />
              <Line
                type="monotone"
                dataKey="smoothed"
                name="Smoothed"
                stroke="#1d4ed8"
                dot={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      </figure>
    </>
  );
}
