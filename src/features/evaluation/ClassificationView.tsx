import { useId } from "react";
import { metricExplanations } from "../../core/eval/metrics";
import type { ClassificationReport } from "../../core/eval/types";
import { overWhite, readableTextOn, toCss, type Rgb } from "../../ui/contrast";
import { MetricCell } from "./MetricCell";

const BLUE: Rgb = [37, 99, 235];
const RED: Rgb = [220, 38, 38];

const DEFINED_TERMS = {
  accuracy: "Accuracy",
  precision: "Precision",
  recall: "Recall",
  f1: "F1",
  support: "Support",
  macro: "Macro average",
  weighted: "Weighted average",
  baseline: "Baseline",
} as const;

export function ClassificationView({
  report,
  onCellClick,
}: {
  report: ClassificationReport;
  /** Image models: a click on a cell shows that cell's pictures. */
  onCellClick?: (actual: number, predicted: number) => void;
}) {
  const beats = report.accuracy > report.baselineAccuracy;
  const ids = useId();
  return (
    <>
      <div className="headline">
        <p>
          Accuracy <strong>{(report.accuracy * 100).toFixed(1)}%</strong>{" "}
          <span className="muted">
            vs. {(report.baselineAccuracy * 100).toFixed(1)}% for always guessing “
            {report.baselineClass}”
          </span>{" "}
          {beats
            ? "— the model beats the baseline."
            : "— the model does not beat the baseline yet."}
        </p>
      </div>
      <div className="table-scroll">
        <table data-testid="eval-table" className="metrics-table">
          <caption>Per-class metrics on the test split</caption>
          <thead>
            <tr>
              <th scope="col">Class</th>
              <th scope="col" title={metricExplanations.precision}>
                Precision
              </th>
              <th scope="col" title={metricExplanations.recall}>
                Recall
              </th>
              <th scope="col" title={metricExplanations.f1}>
                F1
              </th>
              <th scope="col" title={metricExplanations.support}>
                Support
              </th>
            </tr>
          </thead>
          <tbody>
            {report.perClass.map((row) => (
              <tr key={row.className}>
                <th scope="row">
                  {row.className}
                  {row.support === 0 && <span className="tag">no test rows</span>}
                </th>
                <MetricCell metric="precision" className={row.className} value={row.precision} />
                <MetricCell metric="recall" className={row.className} value={row.recall} />
                <MetricCell metric="f1" className={row.className} value={row.f1} />
                <MetricCell
                  metric="support"
                  className={row.className}
                  value={row.support}
                  integer
                />
              </tr>
            ))}
            {(["macro", "weighted"] as const).map((average) => (
              <tr key={average} className="average-row">
                <th scope="row">{average === "macro" ? "Macro average" : "Weighted average"}</th>
                <MetricCell
                  metric="precision"
                  average={average}
                  value={report[average].precision}
                />
                <MetricCell metric="recall" average={average} value={report[average].recall} />
                <MetricCell metric="f1" average={average} value={report[average].f1} />
                <MetricCell
                  metric="support"
                  average={average}
                  value={report[average].support}
                  integer
                />
              </tr>
            ))}
          </tbody>
          {/* Accuracy is one figure for the model and one for the baseline: columns of their own. */}
          <tbody>
            <tr>
              <th scope="col" id={`${ids}-overall-heading`}>
                Overall
              </th>
              <th scope="col" id={`${ids}-overall-model`}>
                Model
              </th>
              <th
                scope="col"
                id={`${ids}-overall-baseline`}
                colSpan={2}
                title={`Always guessing “${report.baselineClass}”, the most frequent class`}
              >
                Baseline <span className="muted">(always “{report.baselineClass}”)</span>
              </th>
              <th scope="col" id={`${ids}-overall-support`}>
                Support
              </th>
            </tr>
            <tr className="average-row">
              <th scope="row" id={`${ids}-accuracy-row`} headers={`${ids}-overall-heading`}>
                Accuracy
              </th>
              <MetricCell
                metric="accuracy"
                value={report.accuracy}
                headers={`${ids}-accuracy-row ${ids}-overall-model`}
              />
              <td
                colSpan={2}
                className="number"
                data-baseline="accuracy"
                data-source="majority"
                data-value={String(report.baselineAccuracy)}
                headers={`${ids}-accuracy-row ${ids}-overall-baseline`}
              >
                {report.baselineAccuracy.toFixed(3)}
              </td>
              <MetricCell
                metric="support"
                average="all"
                value={report.testSize}
                integer
                headers={`${ids}-accuracy-row ${ids}-overall-support`}
              />
            </tr>
          </tbody>
        </table>
      </div>
      <ConfusionMatrix report={report} onCellClick={onCellClick} />
      <dl className="explanations">
        {(
          [
            "accuracy",
            "precision",
            "recall",
            "f1",
            "support",
            "macro",
            "weighted",
            "baseline",
          ] as const
        ).map((key) => (
          <div key={key}>
            <dt>{DEFINED_TERMS[key]}</dt>
            <dd>{metricExplanations[key]}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

function ConfusionMatrix({
  report,
  onCellClick,
}: {
  report: ClassificationReport;
  onCellClick?: (actual: number, predicted: number) => void;
}) {
  return (
    <div className="table-scroll">
      <table data-testid="confusion-matrix" className="confusion">
        <caption>
          Confusion matrix: rows are the true classes, columns the predicted ones; the shading shows
          the share of each row, the numbers are counts.
        </caption>
        <thead>
          <tr>
            <th scope="col">true ↓ / predicted →</th>
            {report.classNames.map((name) => (
              <th scope="col" key={name}>
                {name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {report.confusion.map((row, actual) => {
            const total = row.reduce((a, b) => a + b, 0);
            const actualName = report.classNames[actual] ?? String(actual);
            return (
              <tr key={actualName}>
                <th scope="row">{actualName}</th>
                {row.map((count, predicted) => {
                  const share = total > 0 ? count / total : 0;
                  const correct = actual === predicted;
                  const shade = overWhite(correct ? BLUE : RED, share * 0.85);
                  return (
                    <td
                      key={predicted}
                      data-actual={actualName}
                      data-predicted={report.classNames[predicted]}
                      data-count={count}
                      className={`number${correct ? " diagonal" : ""}`}
                      style={{ background: toCss(shade), color: readableTextOn(shade) }}
                      title={`${count} of ${total} “${actualName}” rows predicted as “${report.classNames[predicted]}” (${(share * 100).toFixed(1)}%)`}
                    >
                      {onCellClick ? (
                        <button
                          type="button"
                          className="cell-button"
                          onClick={() => onCellClick(actual, predicted)}
                          aria-label={`Show the ${count} pictures of “${actualName}” predicted as “${report.classNames[predicted]}”`}
                        >
                          {count}
                        </button>
                      ) : (
                        count
                      )}
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
