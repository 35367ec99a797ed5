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
import type { EpochMetrics } from "../../core/train/types";
import { useStudio } from "../../store";

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

/** At most `max` items, evenly spread, always keeping the last. */
function thin<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const step = Math.ceil(items.length / max);
  return items.filter((_, i) => i % step === 0 || i === items.length - 1);
}

const AXIS_STYLE = { fontSize: 12 };

/** One per-epoch curve pair: training solid, validation dashed. */
const EpochChart = memo(function EpochChart(props: {
  caption: string;
  data: EpochMetrics[];
  yLabel: string;
  training: keyof EpochMetrics;
  validation: keyof EpochMetrics;
  domain?: [number, number];
}) {
  return (
    <figure>
      <figcaption>{props.caption}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={props.data} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
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
          <Legend verticalAlign="top" />
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
    </figure>
  );
});

export function LossChart() {
  const history = useStudio((s) => s.run.history);
  const batchLosses = useStudio((s) => s.run.batchLosses);
  const currentTask = useStudio((s) => s.task);
  const task = useStudio((s) => s.run.task) ?? currentTask;
  const metricName = task === "classification" ? "Accuracy" : "MAE (target units)";
  const batchPoints = useMemo(() => smoothLosses(batchLosses, 0.9, 300), [batchLosses]);
  const epochPoints = useMemo(() => thin(history, 400), [history]);
  const lossLabel = task === "classification" ? "Cross-entropy loss" : "MSE loss (standardised)";

  if (history.length === 0 && batchLosses.length === 0) {
    return (
      <div data-testid="loss-chart" className="chart-empty">
        The curves appear here while the model trains.
      </div>
    );
  }
  return (
    <div data-testid="loss-chart" className="charts">
      <EpochChart
        caption="Loss per epoch (lower is better)"
        data={epochPoints}
        yLabel={lossLabel}
        training="loss"
        validation="valLoss"
      />
      <EpochChart
        caption={`${metricName} per epoch (${task === "classification" ? "higher" : "lower"} is better)`}
        data={epochPoints}
        yLabel={metricName}
        training="metric"
        validation="valMetric"
        domain={task === "classification" ? [0, 1] : undefined}
      />
      <figure>
        <figcaption>Loss per batch, smoothed</figcaption>
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={batchPoints} margin={{ top: 8, right: 16, bottom: 24, left: 8 }}>
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
            <Legend verticalAlign="top" />
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
      </figure>
    </div>
  );
}
