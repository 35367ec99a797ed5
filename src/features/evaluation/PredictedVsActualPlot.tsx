import { memo } from "react";
import "./evaluation.css";

const WIDTH = 640;
const HEIGHT = 320;
const MARGIN = { top: 28, right: 16, bottom: 44, left: 84 };
const TICKS = 5;

const tickFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 4 });

/**
 * Predicted against actual values of the test rows, as plain SVG: a few hundred points drawn by a
 * charting library's components held the page for a second at the end of a run; as circles they
 * take a few milliseconds. Both axes share `domain`; the dashed diagonal is a perfect prediction.
 */
export const PredictedVsActualPlot = memo(function PredictedVsActualPlot(props: {
  points: Array<{ actual: number; predicted: number }>;
  domain: [number, number];
  targetName: string;
}) {
  const { points, domain, targetName } = props;
  const [low, high] = domain;
  const span = high - low || 1;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = (v: number) => MARGIN.left + ((v - low) / span) * plotWidth;
  const y = (v: number) => MARGIN.top + plotHeight - ((v - low) / span) * plotHeight;
  const ticks = Array.from({ length: TICKS }, (_, i) => low + (span * i) / (TICKS - 1));
  return (
    <svg
      className="predicted-vs-actual"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="presentation"
    >
      <g className="plot-legend" transform={`translate(${MARGIN.left + plotWidth / 2 - 90}, 12)`}>
        <circle cx={0} cy={0} r={4} className="plot-point" />
        <text x={8} y={4} className="legend-text">
          Test rows
        </text>
        <line x1={84} x2={104} y1={0} y2={0} className="plot-diagonal" />
        <text x={110} y={4} className="legend-text">
          Perfect
        </text>
      </g>
      {ticks.map((t) => (
        <g key={t}>
          <line
            x1={x(t)}
            x2={x(t)}
            y1={MARGIN.top}
            y2={MARGIN.top + plotHeight}
            className="plot-grid"
          />
          <line
            x1={MARGIN.left}
            x2={MARGIN.left + plotWidth}
            y1={y(t)}
            y2={y(t)}
            className="plot-grid"
          />
          <text x={x(t)} y={MARGIN.top + plotHeight + 16} textAnchor="middle" className="plot-tick">
            {tickFormat.format(t)}
          </text>
          <text x={MARGIN.left - 6} y={y(t) + 4} textAnchor="end" className="plot-tick">
            {tickFormat.format(t)}
          </text>
        </g>
      ))}
      <line x1={x(low)} y1={y(low)} x2={x(high)} y2={y(high)} className="plot-diagonal" />
      {points.map((p, i) =>
        Number.isFinite(p.actual) && Number.isFinite(p.predicted) ? (
          <circle key={i} cx={x(p.actual)} cy={y(p.predicted)} r={3} className="plot-point" />
        ) : null,
      )}
      <text
        x={MARGIN.left + plotWidth / 2}
        y={HEIGHT - 6}
        textAnchor="middle"
        className="plot-tick"
      >
        Actual {targetName}
      </text>
      <text
        transform={`translate(14, ${MARGIN.top + plotHeight / 2}) rotate(-90)`}
        textAnchor="middle"
        className="plot-tick"
      >
        Predicted {targetName}
      </text>
    </svg>
  );
});
