import { explainMetric } from "../../core/eval/metrics";
import type { ClassificationReport } from "../../core/eval/types";
import type { ReportScores } from "../../core/eval/classificationScores";
import { MetricCell } from "./MetricCell";
import "./evaluation.css";

type ScoreKey = "roc_auc" | "average_precision" | "log_loss";

interface ScoreRow {
  key: ScoreKey;
  label: string;
  average?: "macro" | "weighted";
}

function scoreRows(scores: ReportScores, binary: boolean): ScoreRow[] {
  const averaged = (key: "roc_auc" | "average_precision", label: string): ScoreRow[] =>
    binary
      ? [{ key, label, average: "macro" }]
      : [
          { key, label: `${label} (macro)`, average: "macro" },
          { key, label: `${label} (weighted)`, average: "weighted" },
        ];
  return [
    ...(scores.curves.rocAuc.macro === null ? [] : averaged("roc_auc", "ROC AUC")),
    ...(scores.curves.averagePrecision.macro === null
      ? []
      : averaged("average_precision", "Average precision")),
    { key: "log_loss", label: "Log loss" },
  ];
}

function scoreOf(scores: ReportScores, row: ScoreRow): number {
  if (row.key === "log_loss") return scores.logLoss;
  const averaged = row.key === "roc_auc" ? scores.curves.rocAuc : scores.curves.averagePrecision;
  return averaged[row.average ?? "macro"] ?? NaN;
}

/**
 * The report's one-number scores: the model beside always guessing the majority class and beside
 * the linear model, one column each (baselines carry data-baseline and data-source, not
 * data-metric). A <tbody> of the eval-table, `columns` wide.
 */
export function OverallRows(props: {
  ids: string;
  columns: number;
  report: ClassificationReport;
  scores: ReportScores | null;
  linear: { report: ClassificationReport; scores: ReportScores | null } | null;
  /** What the test examples are: every explanation speaks of them. */
  unit: "row" | "picture";
}) {
  const { ids, report, scores, linear, unit } = props;
  const supportSpan = props.columns - (linear ? 4 : 3);
  const binary = report.classNames.length === 2;
  const cells = (row: string, column: string) => `${ids}-${row} ${ids}-overall-${column}`;
  return (
    <tbody className="overall-block">
      <tr className="overall-head">
        <th scope="col" id={`${ids}-overall-heading`}>
          Overall
        </th>
        <th scope="col" id={`${ids}-overall-model`} className="number">
          Model
        </th>
        <th
          scope="col"
          id={`${ids}-overall-baseline`}
          className="number"
          title={`Always guessing “${report.baselineClass}”, the most frequent class`}
        >
          Baseline <span className="muted">(always “{report.baselineClass}”)</span>
        </th>
        {linear && (
          <th
            scope="col"
            id={`${ids}-overall-linear`}
            className="number"
            title={explainMetric("linear", unit)}
          >
            Linear model
          </th>
        )}
        <th scope="col" id={`${ids}-overall-support`} colSpan={supportSpan} className="number">
          Support
        </th>
      </tr>
      <tr className="average-row">
        <th
          scope="row"
          id={`${ids}-accuracy-row`}
          headers={`${ids}-overall-heading`}
          title={explainMetric("accuracy", unit)}
        >
          Accuracy
        </th>
        <MetricCell
          metric="accuracy"
          value={report.accuracy}
          headers={cells("accuracy-row", "model")}
        />
        <td
          className="number"
          data-baseline="accuracy"
          data-source="majority"
          data-value={String(report.baselineAccuracy)}
          headers={cells("accuracy-row", "baseline")}
        >
          {report.baselineAccuracy.toFixed(3)}
        </td>
        {linear && (
          <td
            className="number"
            data-baseline="accuracy"
            data-source="linear"
            data-value={String(linear.report.accuracy)}
            headers={cells("accuracy-row", "linear")}
          >
            {linear.report.accuracy.toFixed(3)}
          </td>
        )}
        <MetricCell
          metric="support"
          average="all"
          value={report.testSize}
          integer
          headers={cells("accuracy-row", "support")}
          colSpan={supportSpan}
        />
      </tr>
      {scores &&
        scoreRows(scores, binary).map((row) => {
          const rowId = `${row.key}-${row.average ?? "all"}-row`;
          const linearValue = linear?.scores ? scoreOf(linear.scores, row) : null;
          return (
            <tr key={rowId} className="average-row">
              <th
                scope="row"
                id={`${ids}-${rowId}`}
                headers={`${ids}-overall-heading`}
                title={explainMetric(row.key, unit)}
              >
                {row.label}
              </th>
              <MetricCell
                metric={row.key}
                average={row.average}
                value={scoreOf(scores, row)}
                headers={cells(rowId, "model")}
              />
              <td
                className="number muted"
                headers={cells(rowId, "baseline")}
                title={`A constant guess ranks no ${unit} above another: ROC AUC 0.5.`}
              >
                –
              </td>
              {linear && (
                <td
                  className="number"
                  data-baseline={row.key}
                  data-source="linear"
                  data-average={row.average}
                  data-value={linearValue === null ? undefined : String(linearValue)}
                  headers={cells(rowId, "linear")}
                >
                  {linearValue === null || !Number.isFinite(linearValue)
                    ? "–"
                    : linearValue.toFixed(3)}
                </td>
              )}
              <td colSpan={supportSpan} headers={cells(rowId, "support")} />
            </tr>
          );
        })}
    </tbody>
  );
}
