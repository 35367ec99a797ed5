import { memo, useMemo } from "react";
import { describeEpochCurves, thinEvenly, withDataLoss } from "../../core/train/curveSummary";
import type { EpochMetrics } from "../../core/train/types";
import { LinePlot, type LineSeries } from "../../ui/LinePlot";
import "./training.css";

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
  const series: LineSeries[] = [
    {
      name: "Training",
      look: "training",
      points: props.data.map((m) => [m.epoch, m[props.training]]),
    },
    {
      name: "Validation",
      look: "validation",
      points: props.data.map((m) => [m.epoch, m[props.validation]]),
    },
  ];
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
        <LinePlot
          series={series}
          xLabel="Epoch"
          yLabel={props.yLabel}
          yDomain={props.domain}
          height={180}
        />
      </div>
    </figure>
  );
});

const ACCURACY_DOMAIN: [number, number] = [0, 1];

/** Loss and the task's metric per epoch, training beside validation: a live run's or a kept one's. */
export const EpochCurves = memo(function EpochCurves(props: {
  history: EpochMetrics[];
  task: "classification" | "regression";
}) {
  const { task } = props;
  // The training loss includes the weight penalty, the validation loss does not: compare like
  // with like, and say what was taken out.
  const history = useMemo(() => withDataLoss(props.history), [props.history]);
  const penalty = props.history[props.history.length - 1]?.penalty;
  const metricName = task === "classification" ? "Accuracy" : "MAE (target units)";
  const epochPoints = useMemo(() => thinEvenly(history, 400), [history]);
  return (
    <>
      {history.length === 1 && (
        <p className="hint one-epoch-note" data-testid="one-epoch-note">
          One epoch: each curve is a single point. Curves need two or more epochs to show a trend.
        </p>
      )}
      <EpochChart
        caption="Loss per epoch (lower is better)"
        data={epochPoints}
        yLabel={task === "classification" ? "Cross-entropy loss" : "MSE loss (standardised)"}
        training="loss"
        validation="valLoss"
        summary={describeEpochCurves(history, "loss", "loss", false)}
      />
      {penalty !== undefined && penalty > 0 && (
        <p className="hint" data-testid="penalty-note">
          Training loss without the weight penalty (L1/L2) that training also minimises, so it
          compares with validation: the penalty was {penalty.toPrecision(3)} in the last epoch, the
          training loss with it {props.history[props.history.length - 1]?.loss.toPrecision(3)}.
        </p>
      )}
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
        domain={task === "classification" ? ACCURACY_DOMAIN : undefined}
      />
    </>
  );
});

/** Per-epoch curves of a finished run (a shared or imported model's history). */
export function HistoryCurves(props: {
  history: EpochMetrics[];
  task: "classification" | "regression";
  /** The model is a linear model (fitted in one go, so without curves). */
  linear?: boolean;
}) {
  const { history, task } = props;
  if (history.length === 0)
    return (
      <p className="hint">
        {props.linear
          ? "A linear model is fitted in one go: it has no training curves."
          : "No curves were kept with this model."}
      </p>
    );
  return (
    <div data-testid="history-chart" className="charts history-charts">
      <EpochCurves history={history} task={task} />
    </div>
  );
}
