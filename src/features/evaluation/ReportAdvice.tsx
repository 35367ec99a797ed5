import { adviseOnReport } from "../../core/eval/advice";
import type { ClassificationReport } from "../../core/eval/types";
import { useStudio } from "../../store";

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const quoted = (names: string[]) => names.map((name) => `“${name}”`).join(", ");

/**
 * What the classification report should say in words: classes the test split could not score, and
 * a model that leans on the majority class, with balanced class weights offered in one action
 * (it switches them on and retrains at once).
 */
export function ReportAdvice({
  report,
  isImageReport = false,
}: {
  report: ClassificationReport;
  /** A picture model's report counts pictures, not rows. */
  isImageReport?: boolean;
}) {
  const rows = isImageReport ? "pictures" : "rows";
  const classWeighting = useStudio((s) => s.trainConfig.classWeighting);
  const setTrainConfig = useStudio((s) => s.setTrainConfig);
  const startTraining = useStudio((s) => s.startTraining);
  const running = useStudio((s) => s.run.state === "running");
  const advice = adviseOnReport(report);
  const missing = advice.classesWithoutTestRows;
  const neglected = advice.noBetterThanBaseline || advice.lowRecallClasses.length > 0;
  if (missing.length === 0 && !neglected) return null;

  return (
    <div className="warning" role="status">
      {missing.length > 0 && (
        <p>
          {quoted(missing)} {missing.length === 1 ? "has" : "have"} no {rows} in the test split, so{" "}
          {missing.length === 1 ? "its" : "their"} precision, recall and F1 show as 0 and pull the
          macro average down; accuracy and the weighted average are not affected. Add {rows} of{" "}
          {missing.length === 1 ? "that class" : "those classes"} to score{" "}
          {missing.length === 1 ? "it" : "them"}.
        </p>
      )}
      {advice.noBetterThanBaseline && (
        <p>
          The model’s accuracy ({percent(report.accuracy)}) is no better than always guessing “
          {report.baselineClass}” ({percent(report.baselineAccuracy)}): it may be leaning on the
          most frequent class.
        </p>
      )}
      {advice.lowRecallClasses.length > 0 && (
        <p>
          The model finds few {rows} of{" "}
          {advice.lowRecallClasses
            .map((c) => `“${c.className}” (recall ${c.recall.toFixed(2)})`)
            .join(", ")}
          , under half the best class’s recall ({advice.bestRecall.toFixed(2)}).
        </p>
      )}
      {neglected && advice.classesBalanced && (
        <p>
          The classes have about as many {rows} each, so class weights would change nothing; the
          confusion matrix shows which class it takes them for. More epochs, or the linear model
          when it scores better, may help.
        </p>
      )}
      {advice.suggestBalancedWeights &&
        (classWeighting === "balanced" ? (
          <p>
            Balanced class weights are already on; more {rows} of the small classes, or a different
            model, may help.
          </p>
        ) : (
          <button
            type="button"
            disabled={running}
            onClick={() => {
              setTrainConfig({ classWeighting: "balanced" });
              void startTraining();
            }}
          >
            Use balanced class weights and retrain
          </button>
        ))}
    </div>
  );
}
