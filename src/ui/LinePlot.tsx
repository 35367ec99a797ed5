import { memo } from "react";
import "./LinePlot.css";

/** One line of a LinePlot: points [x, y]; a null y leaves a gap. */
export interface LineSeries {
  name: string;
  points: Array<[number, number | null]>;
  /** How the line looks (styles.css): besides colour, solid/dashed or thin/thick tell them apart. */
  look: "training" | "validation" | "raw" | "smoothed";
}

const WIDTH = 1000;

const tickFormat = new Intl.NumberFormat(undefined, { maximumSignificantDigits: 3 });

/**
 * Lines over x as plain SVG, with a legend and the axes' ends labelled. The training curves redraw
 * several times a second while a model trains; a charting library's chart (its own store and a
 * synchronous redraw per change) held the page for tens to hundreds of milliseconds each time.
 */
export const LinePlot = memo(function LinePlot(props: {
  series: LineSeries[];
  xLabel: string;
  yLabel: string;
  /** The y range; the data's own range when not given. */
  yDomain?: [number, number];
  height: number;
}) {
  const { series, height } = props;
  let xLow = Infinity;
  let xHigh = -Infinity;
  let yLow = Infinity;
  let yHigh = -Infinity;
  for (const line of series) {
    for (const [x, y] of line.points) {
      xLow = Math.min(xLow, x);
      xHigh = Math.max(xHigh, x);
      if (y === null || !Number.isFinite(y)) continue;
      yLow = Math.min(yLow, y);
      yHigh = Math.max(yHigh, y);
    }
  }
  if (props.yDomain) [yLow, yHigh] = props.yDomain;
  if (!Number.isFinite(xLow)) [xLow, xHigh] = [0, 1];
  if (!Number.isFinite(yLow)) [yLow, yHigh] = [0, 1];
  const xSpan = xHigh - xLow || 1;
  const ySpan = yHigh - yLow || 1;
  const px = (x: number) => (((x - xLow) / xSpan) * WIDTH).toFixed(1);
  const py = (y: number) => (height - ((y - yLow) / ySpan) * height).toFixed(1);
  return (
    <div className="line-plot">
      <p className="line-plot-legend">
        {series.map((line) => (
          <span key={line.name}>
            <span className={`line-plot-key ${line.look}`} />{" "}
            <span className="legend-text">{line.name}</span>
          </span>
        ))}
      </p>
      <div className="line-plot-area">
        <div className="line-plot-y">
          <span>{tickFormat.format(yHigh)}</span>
          <span>{props.yLabel}</span>
          <span>{tickFormat.format(yLow)}</span>
        </div>
        <svg viewBox={`0 0 ${WIDTH} ${height}`} preserveAspectRatio="none" height={height}>
          {[0.25, 0.5, 0.75].map((f) => (
            <line key={f} x1={0} x2={WIDTH} y1={height * f} y2={height * f} className="grid" />
          ))}
          {series.flatMap((line) =>
            segments(line.points).map((segment, i) =>
              segment.length === 1 ? (
                // A lone point: a zero-length line with round caps, so it stays round however the
                // plot is stretched.
                <polyline
                  key={`${line.name}-${i}`}
                  points={`${px(segment[0]![0])},${py(segment[0]![1])} ${px(segment[0]![0])},${py(segment[0]![1])}`}
                  className={`dot ${line.look}`}
                />
              ) : (
                <polyline
                  key={`${line.name}-${i}`}
                  points={segment.map(([x, y]) => `${px(x)},${py(y)}`).join(" ")}
                  className={line.look}
                />
              ),
            ),
          )}
        </svg>
      </div>
      <p className="line-plot-x">
        <span>{tickFormat.format(xLow)}</span>
        <span>{props.xLabel}</span>
        <span>{tickFormat.format(xHigh)}</span>
      </p>
    </div>
  );
});

/** Runs of finite points, split where y is null or not finite. */
function segments(points: Array<[number, number | null]>): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  for (const [x, y] of points) {
    if (y === null || !Number.isFinite(y)) {
      if (run.length > 0) runs.push(run);
      run = [];
    } else run.push([x, y]);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
