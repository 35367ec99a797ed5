import { useId } from "react";
import { METRICS } from "../../core/eval/metricTable";
import { explainMetric } from "../../core/eval/metrics";
import type { ClassificationReport } from "../../core/eval/types";
import type { ReportScores } from "../../core/eval/classificationScores";
import { ConfusionMatrix } from "./ConfusionMatrix";
import { MetricCell } from "./MetricCell";
import { OverallRows } from "./OverallRows";
import "./evaluation.css";

const DEFINED_TERMS = {
  accuracy: METRICS.accuracy.label,
  precision: METRICS.precision.label,
  recall: METRICS.recall.label,
  f1: METRICS.f1.label,
  roc_auc: METRICS.roc_auc.label,
  average_precision: METRICS.average_precision.label,
  log_loss: METRICS.log_loss.label,
  support: METRICS.support.label,
  macro: "Macro average",
  weighted: "Weighted average",
  baseline: "Baseline",
  linear: "Linear model",
} as const;

export interface LinearColumn {
  report: ClassificationReport;
  scores: ReportScores | null;
}

export function ClassificationView(props: {
  report: ClassificationReport;
  scores?: ReportScores | null;
  linear?: LinearColumn | null;
  /** Replaces the argmax confusion matrix (binary tasks: the one at the chosen threshold). */
  confusion?: React.ReactNode;
  /** Image models: a click on a cell shows that cell's pictures. */
  onCellClick?: (actual: number, predicted: number) => void;
  /** What the test examples are (default: pictures when cells take clicks, else rows). */
  unit?: "row" | "picture";
}) {
  const { report, scores = null, linear = null } = props;
  // Only picture reports take clicks on the matrix; their examples are pictures, not rows.
  const unit = props.unit ?? (props.onCellClick ? "picture" : "row");
  const beats = report.accuracy > report.baselineAccuracy;
  const ids = useId();
  const columns = scores ? 7 : 5;
  const perClassScores = new Map(
    (scores?.curves.perClass ?? []).map((c) => [report.classNames[c.classIndex], c]),
  );
  const terms = (Object.keys(DEFINED_TERMS) as Array<keyof typeof DEFINED_TERMS>).filter(
    (key) =>
      (scores || !["roc_auc", "average_precision", "log_loss"].includes(key)) &&
      (linear || key !== "linear"),
  );
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
              <th scope="col" className="number" title={explainMetric("precision", unit)}>
                Precision
              </th>
              <th scope="col" className="number" title={explainMetric("recall", unit)}>
                Recall
              </th>
              <th scope="col" className="number" title={explainMetric("f1", unit)}>
                F1
              </th>
              {scores && (
                <>
                  <th scope="col" className="number" title={explainMetric("roc_auc", unit)}>
                    ROC AUC
                  </th>
                  <th
                    scope="col"
                    className="number"
                    title={explainMetric("average_precision", unit)}
                  >
                    Avg. precision
                  </th>
                </>
              )}
              <th scope="col" className="number" title={explainMetric("support", unit)}>
                Support
              </th>
            </tr>
          </thead>
          <tbody>
            {report.perClass.map((row) => {
              const curve = perClassScores.get(row.className);
              return (
                <tr key={row.className}>
                  <th scope="row">
                    {row.className}
                    {row.support === 0 && <span className="tag">no test {unit}s</span>}
                  </th>
                  <MetricCell metric="precision" className={row.className} value={row.precision} />
                  <MetricCell metric="recall" className={row.className} value={row.recall} />
                  <MetricCell metric="f1" className={row.className} value={row.f1} />
                  {scores &&
                    (["rocAuc", "averagePrecision"] as const).map((key) =>
                      curve && curve[key] !== null ? (
                        <MetricCell
                          key={key}
                          metric={key === "rocAuc" ? "roc_auc" : "average_precision"}
                          className={row.className}
                          value={curve[key]}
                        />
                      ) : (
                        <td
                          key={key}
                          className="number muted"
                          title={
                            curve
                              ? `Undefined: this class has no test ${unit}s.`
                              : "Two classes: the scores are those of the positive class."
                          }
                        >
                          –
                        </td>
                      ),
                    )}
                  <MetricCell
                    metric="support"
                    className={row.className}
                    value={row.support}
                    integer
                  />
                </tr>
              );
            })}
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
                {scores &&
                  (["rocAuc", "averagePrecision"] as const).map((key) => (
                    <MetricCell
                      key={key}
                      metric={key === "rocAuc" ? "roc_auc" : "average_precision"}
                      average={average}
                      value={scores.curves[key][average] ?? NaN}
                    />
                  ))}
                <MetricCell
                  metric="support"
                  average={average}
                  value={report[average].support}
                  integer
                />
              </tr>
            ))}
          </tbody>
          <OverallRows
            ids={ids}
            columns={columns}
            report={report}
            scores={scores}
            linear={linear}
            unit={unit}
          />
        </table>
      </div>
      {props.confusion ?? (
        <ConfusionMatrix
          classNames={report.classNames}
          confusion={report.confusion}
          onCellClick={props.onCellClick}
        />
      )}
      <dl className="explanations">
        {terms.map((key) => (
          <div key={key}>
            <dt>{DEFINED_TERMS[key]}</dt>
            <dd>{explainMetric(key, unit)}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
