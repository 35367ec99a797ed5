import {
  CartesianGrid,
  Legend,
  Line,
  ReferenceLine,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type {
  KeptClassCurves as ClassCurves,
  ReportScores,
} from "../../core/eval/classificationScores";
import { thinEvenly } from "../../core/train/curveSummary";
import { legendText } from "../../ui/legendText";
import { CLASS_COLOURS } from "./chartColours";
import "./evaluation.css";

/** Points a hidden table lists per curve; the full curve is in the chart. */
const TABLE_POINTS = 12;

function rocPoints(c: ClassCurves) {
  return c.roc ? c.roc.fpr.map((x, i) => ({ x, y: c.roc?.tpr[i] ?? NaN })) : [];
}
function prPoints(c: ClassCurves) {
  // Drawn from recall 0 up, so the line runs left to right.
  return c.pr ? c.pr.recall.map((x, i) => ({ x, y: c.pr?.precision[i] ?? NaN })).reverse() : [];
}

function CurvePlot(props: {
  curves: ClassCurves[];
  names: string[];
  points: (c: ClassCurves) => Array<{ x: number; y: number }>;
  xLabel: string;
  yLabel: string;
  legend: boolean;
  /** Draws the diagonal a guess would follow (ROC). */
  diagonal?: boolean;
}) {
  return (
    <div aria-hidden="true" className="curve-plot">
      <ResponsiveContainer width="100%" height={260}>
        <LineChart accessibilityLayer={false} margin={{ top: 8, right: 16, bottom: 28, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, 1]}
            tick={{ fontSize: 12 }}
            label={{ value: props.xLabel, position: "insideBottom", offset: -14 }}
          />
          <YAxis
            type="number"
            dataKey="y"
            domain={[0, 1]}
            tick={{ fontSize: 12 }}
            label={{
              value: props.yLabel,
              angle: -90,
              position: "insideLeft",
              style: { textAnchor: "middle" },
            }}
          />
          <Tooltip
            formatter={(value) => Number(value).toFixed(3)}
            labelFormatter={(label) => `${props.xLabel} ${Number(label).toFixed(3)}`}
          />
          {props.legend && <Legend verticalAlign="top" formatter={legendText} />}
          {props.diagonal && (
            <ReferenceLine
              segment={[
                { x: 0, y: 0 },
                { x: 1, y: 1 },
              ]}
              stroke="#6b7280"
              strokeDasharray="4 4"
            />
          )}
          {props.curves.map((c, i) => (
            <Line
              key={c.classIndex}
              name={props.names[i]}
              data={props.points(c)}
              dataKey="y"
              type="linear"
              stroke={CLASS_COLOURS[i % CLASS_COLOURS.length]}
              dot={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** ROC and precision–recall curves (binary: the positive class; more: one-vs-rest per class). */
export function RocChart({
  curves,
  classNames,
}: {
  curves: ReportScores["curves"];
  classNames: string[];
}) {
  const drawn = curves.perClass.filter((c) => c.roc || c.pr);
  if (drawn.length === 0) return null;
  const names = drawn.map((c) => classNames[c.classIndex] ?? String(c.classIndex));
  const binary = classNames.length === 2;
  const summary = drawn
    .map(
      (c, i) =>
        `${names[i]}: ROC AUC ${c.rocAuc?.toFixed(3) ?? "undefined"}, average precision ${c.averagePrecision?.toFixed(3) ?? "undefined"}`,
    )
    .join("; ");
  return (
    <figure data-testid="roc-chart" className="curves">
      <figcaption>
        ROC curve (left: true positive rate against false positive rate; the diagonal is guessing)
        and precision–recall curve (right) on the test split,{" "}
        {binary ? `for “${classNames[1]}” as the positive class` : "one class against the rest"}.
      </figcaption>
      <p className="visually-hidden">{summary}.</p>
      <table className="visually-hidden">
        <caption>Points on the ROC curves (a sample)</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">False positive rate</th>
            <th scope="col">True positive rate</th>
          </tr>
        </thead>
        <tbody>
          {drawn.flatMap((c, i) =>
            thinEvenly(rocPoints(c), TABLE_POINTS).map((p, j) => (
              <tr key={`${c.classIndex}-${j}`}>
                <td>{names[i]}</td>
                <td>{p.x.toFixed(3)}</td>
                <td>{p.y.toFixed(3)}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <div className="curve-pair">
        <CurvePlot
          curves={drawn}
          names={names}
          points={rocPoints}
          xLabel="False positive rate"
          yLabel="True positive rate"
          legend
          diagonal
        />
        <CurvePlot
          curves={drawn}
          names={names}
          points={prPoints}
          xLabel="Recall"
          yLabel="Precision"
          legend={false}
        />
      </div>
    </figure>
  );
}
