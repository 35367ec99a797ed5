import {
  CLASSIFICATION_FOLD_METRICS,
  foldMetricsOf,
  REGRESSION_FOLD_METRICS,
  type CrossValidationSummary,
  type FoldMetric,
} from "../../core/eval/crossValidation";
import type { MeanStd } from "../../core/eval/folds";
import { averagedLabel, METRICS } from "../../core/eval/metricTable";
import type { EvaluationReport } from "../../core/eval/types";

// Precision, recall and F1 across folds are their macro averages (foldMetricsOf).
const LABELS: Record<FoldMetric, string> = {
  accuracy: METRICS.accuracy.label,
  precision: averagedLabel("precision", "macro"),
  recall: averagedLabel("recall", "macro"),
  f1: averagedLabel("f1", "macro"),
  r2: METRICS.r2.label,
  mae: METRICS.mae.label,
  rmse: METRICS.rmse.label,
};

function SpreadCell(props: { metric: FoldMetric; source: string; value: MeanStd | undefined }) {
  const { value } = props;
  if (!value) return <td className="number">–</td>;
  return (
    <td
      className="number"
      data-cv-metric={props.metric}
      data-source={props.source}
      data-mean={String(value.mean)}
      data-std={String(value.std)}
    >
      {value.mean.toFixed(3)} ± {value.std.toFixed(3)}
    </td>
  );
}

/**
 * Each headline metric as mean ± standard deviation across the cross-validation folds, for the
 * network and the linear model, beside the single test split's figure.
 */
export function CrossValidationTable(props: {
  summary: CrossValidationSummary;
  report: EvaluationReport;
  /** What the examples are: pictures have no linear model (nor scaling) to cross-validate. */
  unit?: "row" | "picture";
}) {
  const { summary, report, unit = "row" } = props;
  const pictures = unit === "picture";
  if (summary.completed < summary.folds) {
    return (
      <p className="hint" role="status" data-testid="cross-validation">
        Cross-validation was stopped after {summary.completed} of {summary.folds} folds, so it has
        no figures; the scores below are the test split&apos;s.
      </p>
    );
  }
  const metrics =
    report.kind === "classification" ? CLASSIFICATION_FOLD_METRICS : REGRESSION_FOLD_METRICS;
  const testSplit = foldMetricsOf(report);
  return (
    <div className="stack" data-testid="cross-validation">
      <h3>Cross-validation</h3>
      {pictures ? (
        <p className="hint">
          The {summary.rows} training and validation pictures were dealt into {summary.folds} folds,
          each with every class in proportion. For each fold a fresh network trained on the other
          folds&apos; pictures and was tested on that fold&apos;s pictures; the figures are the mean
          ± standard deviation over the {summary.folds} folds. A large spread means one test split
          says little. The test split&apos;s pictures are in no fold, and the model kept, tried and
          exported is the one trained on the usual split.
        </p>
      ) : (
        <p className="hint">
          The {summary.rows} training and validation rows were dealt into {summary.folds} folds. For
          each fold a fresh network and linear model trained on the other folds&apos; rows (scaling
          fitted on those rows only) and were tested on that fold&apos;s rows; the figures are the
          mean ± standard deviation over the {summary.folds} folds. A large spread means one test
          split says little. The test split&apos;s rows are in no fold, and the model kept, tried
          and exported is the one trained on the usual split.
        </p>
      )}
      <table className="metrics-table">
        <thead>
          <tr>
            <th scope="col">Metric</th>
            <th scope="col">Network, {summary.folds} folds</th>
            {!pictures && <th scope="col">Linear model, {summary.folds} folds</th>}
            <th scope="col">Network, test split</th>
          </tr>
        </thead>
        <tbody>
          {metrics.map((metric) => (
            <tr key={metric}>
              <th scope="row">{LABELS[metric]}</th>
              <SpreadCell metric={metric} source="network" value={summary.network[metric]} />
              {!pictures && (
                <SpreadCell metric={metric} source="linear" value={summary.linear?.[metric]} />
              )}
              <td className="number">{testSplit[metric]?.toFixed(3) ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
