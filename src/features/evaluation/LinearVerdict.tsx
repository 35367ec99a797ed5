import { linearVerdict } from "../../core/eval/linearVerdict";
import type { BaseReport, EvaluationReport } from "../../core/eval/types";

/**
 * One plain sentence comparing the network with the linear model fitted on the same rows: the
 * question "is the network worth it?" answered with the test split's main score, and the linear
 * model offered as the model to keep when the report still holds its fitted coefficients.
 */
export function LinearVerdict(props: {
  report: EvaluationReport;
  linear: BaseReport;
  converged: boolean;
  iterations: number;
  /** Pictures: what the linear model was fitted on, in words. */
  inputs?: string | undefined;
  /** Offered when the report holds the fitted linear model: makes it the current model. */
  onUse?: () => void;
  /** A run is under way: the linear model cannot be taken now. */
  busy?: boolean;
}) {
  const verdict = linearVerdict(props.report, props.linear);
  if (!verdict) return null;
  const capped = props.converged
    ? ""
    : ` (its fit stopped after ${props.iterations} iterations to keep the report quick)`;
  return (
    <p data-testid="linear-verdict" className={verdict.linearWins ? "warning" : "hint"}>
      {verdict.sentence}
      {capped}
      {props.inputs && ` It was fitted on ${props.inputs}.`}
      {props.onUse && (
        <>
          {" "}
          <button
            type="button"
            className={verdict.linearWins ? undefined : "secondary"}
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
