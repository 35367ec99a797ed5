import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { legendText } from "../../ui/legendText";

/** One class's line in a UnitSquarePlot. */
export interface PlotLine {
  key: number;
  name: string;
  data: Array<{ x: number; y: number }>;
  /** Undefined: recharts' own stroke. */
  colour: string | undefined;
}

/**
 * Lines on [0, 1] × [0, 1] (ROC, precision–recall, calibration), drawn for sighted readers: the
 * figure around it says the same in text (aria-hidden here).
 */
export function UnitSquarePlot(props: {
  lines: PlotLine[];
  xLabel: string;
  yLabel: string;
  legend: boolean;
  /** Draws the diagonal (a guess on ROC, perfect calibration). */
  diagonal: boolean;
  /** Marks each point (calibration's bins); curves are drawn without. */
  dots: boolean;
  /** The tooltip names the x value with the x axis's label. */
  labelTooltip: boolean;
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
            {...(props.labelTooltip
              ? { labelFormatter: (label) => `${props.xLabel} ${Number(label).toFixed(3)}` }
              : {})}
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
          {props.lines.map((line) => (
            <Line
              key={line.key}
              name={line.name}
              data={line.data}
              dataKey="y"
              type="linear"
              stroke={line.colour}
              {...(props.dots ? {} : { dot: false })}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
