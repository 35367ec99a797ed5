import { adviseOnTraining } from "../../core/train/trainingAdvice";
import type { EvaluationReport } from "../../core/eval/types";
import type { TrainOutcome } from "../../core/train/types";
import { useStudio } from "../../store";
import type { ModelSpec } from "../../core/model/spec";

/** The largest L1/L2 weight penalty on the canvas's layers, with the layers that carry one. */
function penalisedLayers(spec: ModelSpec) {
  return spec.nodes
    .map((node) => ({ id: node.id, l1: node.params.l1, l2: node.params.l2 }))
    .filter(
      (n) => (typeof n.l2 === "number" && n.l2 > 0) || (typeof n.l1 === "number" && n.l1 > 0),
    );
}

/**
 * What the curves say could help a network that trails the linear model (or the trivial
 * baseline), for either task, with one click each: twice the epochs when validation was still
 * improving, a ten times smaller weight penalty when the penalty outweighed the data loss, or the
 * linear model (offered by the verdict above).
 */
export function TrainingAdvice(props: {
  report: EvaluationReport;
  outcome: TrainOutcome;
  linear: EvaluationReport | null;
}) {
  const { report, outcome, linear } = props;
  const epochs = useStudio((s) => s.trainConfig.epochs);
  const spec = useStudio((s) => s.spec);
  const setTrainConfig = useStudio((s) => s.setTrainConfig);
  const setLayerParams = useStudio((s) => s.setLayerParams);
  const startTraining = useStudio((s) => s.startTraining);
  const running = useStudio((s) => s.run.state === "running");
  const score = report.kind === "classification" ? report.accuracy : report.r2;
  const baselineScore =
    report.kind === "classification" ? report.baselineAccuracy : report.baseline.r2;
  const linearScore =
    linear?.kind === "classification"
      ? linear.accuracy
      : linear?.kind === "regression"
        ? linear.r2
        : null;
  const advice = adviseOnTraining({
    history: outcome.history,
    outcome,
    score,
    linearScore,
    baselineScore,
  });
  const penalised = penalisedLayers(spec);
  const offerEpochs = advice.moreEpochs && epochs < 5000;
  const offerPenalty = advice.penaltyDominates !== null && penalised.length > 0;
  // The linear model alone is offered by the verdict beside this; say more only with more to offer.
  if (!advice.worthSaying || (!offerEpochs && !offerPenalty)) return null;
  const lowerPenalty = () => {
    for (const layer of penalised) {
      const params: Record<string, number> = {};
      if (typeof layer.l2 === "number" && layer.l2 > 0) params.l2 = layer.l2 / 10;
      if (typeof layer.l1 === "number" && layer.l1 > 0) params.l1 = layer.l1 / 10;
      setLayerParams(layer.id, params);
    }
    void startTraining();
  };
  return (
    <div className="warning" role="status" data-testid="training-advice">
      <p>What may help the network:</p>
      <ul>
        {offerEpochs && (
          <li>
            Validation was still improving when the run ended (best epoch {outcome.bestEpoch} of{" "}
            {outcome.history.length}): train longer.{" "}
            <button
              type="button"
              className="secondary"
              disabled={running}
              onClick={() => {
                setTrainConfig({ epochs: epochs * 2 });
                void startTraining();
              }}
            >
              Train for {epochs * 2} epochs
            </button>
          </li>
        )}
        {offerPenalty && advice.penaltyDominates && (
          <li>
            The weight penalty ({advice.penaltyDominates.penalty.toPrecision(3)} in the last epoch)
            outweighs the data loss it is added to (
            {advice.penaltyDominates.dataLoss.toPrecision(3)}
            ): training mostly shrinks the weights. A smaller penalty lets the network fit more.{" "}
            <button type="button" className="secondary" disabled={running} onClick={lowerPenalty}>
              Lower the penalty ten times and retrain
            </button>
          </li>
        )}
        {advice.linearBetter && (
          <li>The linear model scores better on the same rows: “Use the linear model” keeps it.</li>
        )}
      </ul>
    </div>
  );
}
