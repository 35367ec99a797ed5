/**
 * What a finished run's curves say could help, for either task: more epochs when validation was
 * still improving at the end, a smaller weight penalty when the penalty outweighs the data loss
 * the network is fitting, and the linear model when it scores better. Pure, from the run's data.
 */
import type { EpochMetrics, TrainOutcome } from "./types";

export interface TrainingAdvice {
  /** The run used every epoch and its best epoch is among the last tenth: it was still improving. */
  moreEpochs: boolean;
  /**
   * In the last epoch the weight penalty (L1/L2) was at least the data loss it is added to, and the
   * network fits its training rows no better than its validation rows (data loss ≥ 0.9 × validation
   * loss): it underfits, so a smaller penalty may help. A network already fitting its training rows
   * better than validation would overfit more with less penalty, and is not told to; nor is a
   * run that was still improving (early on the penalty outweighs the data loss anyway).
   */
  penaltyDominates: { penalty: number; dataLoss: number } | null;
  /** The linear model fitted on the same rows scores higher on the test rows. */
  linearBetter: boolean;
  /** Worth saying at all: the network trails the linear model or the always-the-same baseline. */
  worthSaying: boolean;
}

/**
 * Reads a run: `history` its epochs, `outcome` how it ended, and the test scores (accuracy or R²)
 * of the network, the linear model (null when none was fitted) and the trivial baseline.
 */
export function adviseOnTraining(input: {
  history: readonly EpochMetrics[];
  outcome: Pick<TrainOutcome, "reason" | "bestEpoch">;
  score: number;
  linearScore: number | null;
  baselineScore: number;
}): TrainingAdvice {
  const { history, outcome, score, linearScore, baselineScore } = input;
  const last = history[history.length - 1];
  const epochs = history.length;
  const lateBest = outcome.bestEpoch > epochs - Math.max(1, Math.floor(epochs / 10));
  const moreEpochs = outcome.reason === "completed" && epochs > 0 && lateBest;
  const penalty = last?.penalty ?? 0;
  const dataLoss = last ? last.loss - penalty : 0;
  const underfits = !last || last.valLoss === null || dataLoss >= 0.9 * last.valLoss;
  const penaltyDominates =
    last && penalty > 0 && penalty >= dataLoss && underfits && !moreEpochs
      ? { penalty, dataLoss }
      : null;
  const linearBetter = linearScore !== null && linearScore > score;
  return {
    moreEpochs,
    penaltyDominates,
    linearBetter,
    worthSaying: (linearBetter || score <= baselineScore) && epochs > 0,
  };
}
