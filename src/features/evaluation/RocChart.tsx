import type {
  KeptClassCurves as ClassCurves,
  ReportScores,
} from "../../core/eval/classificationScores";
import { thinEvenly } from "../../core/train/curveSummary";
import { CLASS_COLOURS } from "./chartColours";
import { UnitSquarePlot, type PlotLine } from "./UnitSquarePlot";
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

/** Each drawn class's curve (`points` of it), for a UnitSquarePlot. */
function linesOf(
  curves: ClassCurves[],
  names: string[],
  points: (c: ClassCurves) => Array<{ x: number; y: number }>,
): PlotLine[] {
  return curves.map((c, i) => ({
    key: c.classIndex,
    name: names[i] ?? "",
    data: points(c),
    colour: CLASS_COLOURS[i % CLASS_COLOURS.length],
  }));
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
        <UnitSquarePlot
          lines={linesOf(drawn, names, rocPoints)}
          xLabel="False positive rate"
          yLabel="True positive rate"
          legend
          diagonal
          dots={false}
          labelTooltip
        />
        <UnitSquarePlot
          lines={linesOf(drawn, names, prPoints)}
          xLabel="Recall"
          yLabel="Precision"
          legend={false}
          diagonal={false}
          dots={false}
          labelTooltip
        />
      </div>
    </figure>
  );
}
