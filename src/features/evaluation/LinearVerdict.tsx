import type { EvaluationReport } from "../../core/eval/types";

/**
 * One plain sentence comparing the network with the linear model fitted on the same rows: the
 * question "is the network worth it?" answered with the test split's main score.
 */
export function LinearVerdict(props: {
  report: EvaluationReport;
  linear: EvaluationReport;
  converged: boolean;
  iterations: number;
  /** Offered when the report holds the fitted linear model: makes it the current model. */
  onUse?: () => void;
  /** A run is under way: the linear model cannot be taken now. */
  busy?: boolean;
}) {
  const { report, linear } = props;
  const [network, baseline, name] =
    report.kind === "classification" && linear.kind === "classification"
      ? [report.accuracy, linear.accuracy, "accuracy"]
      : report.kind === "regression" && linear.kind === "regression"
        ? [report.r2, linear.r2, "R²"]
        : [NaN, NaN, ""];
  if (!Number.isFinite(baseline)) return null;
  const format = (value: number) =>
    name === "accuracy" ? `${(value * 100).toFixed(1)}% accuracy` : `${value.toFixed(2)} R²`;
  const model = report.kind === "classification" ? "logistic regression" : "ridge regression";
  const capped = props.converged
    ? ""
    : ` (its fit stopped after ${props.iterations} iterations to keep the report quick)`;
  return (
    <p data-testid="linear-verdict" className={baseline > network ? "warning" : "hint"}>
      {baseline > network
        ? `A linear model scores ${format(baseline)}, better than the network's ${format(network)}: the network is not worth it here.`
        : `A linear model (${model}) scores ${format(baseline)}; the network's ${format(network)} is ${baseline === network ? "no better" : "better"}.`}
      {capped}
      {props.onUse && (
        <>
          {" "}
          <button
            type="button"
            className={baseline > network ? undefined : "secondary"}
            data-testid="use-linear-model"
            disabled={props.busy}
            onClick={props.onUse}
          >
            Use the linear model
          </button>
        </>
      )}
    </p>
  );
}
