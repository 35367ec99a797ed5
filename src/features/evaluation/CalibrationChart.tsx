import type { ClassCalibration } from "../../core/eval/calibration";
import { metricExplanations } from "../../core/eval/metrics";
import { CLASS_COLOURS } from "./chartColours";
import { UnitSquarePlot } from "./UnitSquarePlot";
import "./evaluation.css";

/**
 * Reliability plot: per bin of predicted probability, the share of rows that really were of the
 * class. A calibrated model's points lie on the diagonal. With the Brier score of each class.
 */
export function CalibrationChart(props: {
  calibration: ClassCalibration[];
  classNames: string[];
  /** What the test examples are (default rows). */
  unit?: "row" | "picture";
}) {
  const { calibration, classNames, unit = "row" } = props;
  if (calibration.length === 0) return null;
  const named = calibration.map((c, i) => ({
    ...c,
    name: classNames[c.classIndex] ?? String(c.classIndex),
    colour: CLASS_COLOURS[i % CLASS_COLOURS.length],
    points: c.curve.meanPredicted.map((x, j) => ({ x, y: c.curve.fractionPositive[j] ?? NaN })),
  }));
  return (
    <figure data-testid="calibration-chart" className="curves">
      <figcaption>
        Calibration: in each tenth of predicted probability, the share of test {unit}s that really
        were of the class (points on the dashed diagonal mean the probabilities can be taken at
        their word).
      </figcaption>
      <p className="hint">
        Brier score{" "}
        {named.map((c, i) => (
          <span key={c.classIndex}>
            {i > 0 ? "; " : ""}
            {calibration.length > 1 || classNames.length > 2 ? `“${c.name}” ` : `(“${c.name}”) `}
            <strong data-brier={c.name} data-value={String(c.brier)}>
              {c.brier.toFixed(3)}
            </strong>
          </span>
        ))}
        . {metricExplanations.brier}
      </p>
      <table className="visually-hidden">
        <caption>Calibration bins</caption>
        <thead>
          <tr>
            <th scope="col">Class</th>
            <th scope="col">Mean predicted probability</th>
            <th scope="col">Share that were of the class</th>
            <th scope="col">Rows</th>
          </tr>
        </thead>
        <tbody>
          {named.flatMap((c) =>
            c.points.map((p, j) => (
              <tr key={`${c.classIndex}-${j}`}>
                <td>{c.name}</td>
                <td>{p.x.toFixed(3)}</td>
                <td>{p.y.toFixed(3)}</td>
                <td>{c.curve.counts[j]}</td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      <UnitSquarePlot
        lines={named.map((c) => ({
          key: c.classIndex,
          name: c.name,
          data: c.points,
          colour: c.colour,
        }))}
        xLabel="Mean predicted probability"
        yLabel="Share positive"
        legend={named.length > 1}
        diagonal
        dots
        labelTooltip={false}
      />
    </figure>
  );
}
