import { predictionsCsv } from "../../core/eval/predictionsCsv";
import { memo, useDeferredValue, useState } from "react";
import { useStudio, type StudioState } from "../../store";
import { selectReportIsStale, selectRunDataMismatch, selectTable } from "../../store/selectors";
import { CalibrationChart } from "./CalibrationChart";
import { ClassificationView } from "./ClassificationView";
import { CrossValidationTable } from "./CrossValidationTable";
import { FeatureImportance } from "./FeatureImportance";
import { ImageMistakes } from "./ImageMistakes";
import { KeptScoreCharts } from "./KeptScoreCharts";
import { LinearVerdict } from "./LinearVerdict";
import { RocChart } from "./RocChart";
import { ThresholdControl } from "./ThresholdControl";
import { RegressionView } from "./RegressionView";
import { ReportAdvice } from "./ReportAdvice";
import { TrainingAdvice } from "./TrainingAdvice";
import { formatWhen, plural } from "../../ui/format";
import type { LinearFit } from "../../core/project/trainedModel";
import { linearMethodName } from "../../core/project/linearTrainedModel";
import "./evaluation.css";

function download(text: string, fileName: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The report a bundle brought: no test predictions travel with it, only the numbers. */
function ImportedReport() {
  const model = useStudio((s) => s.trainedModel);
  if (!model) return null;
  const { report } = model;
  const targetName = model.preprocessing.label.column;
  return (
    <div className="stack">
      <p className="hint">
        The report of the imported {model.linearFit ? "linear model" : "model"} “{model.name}”:
        tested on {report.testSize} {model.preprocessing.image ? "pictures" : "rows"} of{" "}
        {model.dataset.fileName} it never saw during training (trained on {model.backend},{" "}
        {formatWhen(model.createdAt)}).
      </p>
      {model.labels.length === 2 && model.decisionThreshold !== undefined && (
        <p className="hint" data-testid="imported-threshold">
          Its author chose to call a {model.preprocessing.image ? "picture" : "row"} “
          {model.labels[1]}” when its probability is at least {model.decisionThreshold}; Try it
          answers the same way. The table below is the network&apos;s own decisions (the more
          probable class).
        </p>
      )}
      {report.linear && (
        <LinearVerdict
          report={report}
          linear={report.linear.report}
          converged={report.linear.converged}
          iterations={report.linear.iterations}
          inputs={report.linear.inputs}
        />
      )}
      {report.kind === "classification" ? (
        <>
          <ClassificationView
            report={report}
            scores={report.scores ?? null}
            unit={model.preprocessing.image ? "picture" : "row"}
            linear={
              report.linear?.report.kind === "classification"
                ? { report: report.linear.report, scores: null }
                : null
            }
          />
          <KeptScoreCharts report={report} unit={model.preprocessing.image ? "picture" : "row"} />
        </>
      ) : (
        <RegressionView
          report={report}
          points={[]}
          targetName={targetName}
          linear={report.linear?.report.kind === "regression" ? report.linear.report : null}
        />
      )}
      {report.crossValidation && (
        <CrossValidationTable
          summary={report.crossValidation}
          report={report}
          unit={model.preprocessing.image ? "picture" : "row"}
        />
      )}
    </div>
  );
}

export function EvaluationPanel() {
  // Deferred: a new report is drawn in the background, in slices React can interrupt, so the end
  // of a run does not hold the page for the whole report at once.
  const latest = useStudio((s) => s.evaluation);
  const evaluation = useDeferredValue(latest);
  const hasImportedModel = useStudio(
    (s) => s.trainedModelOrigin === "bundle" || s.trainedModelOrigin === "link",
  );
  const stale = useStudio(selectReportIsStale);
  const otherData = useStudio(selectRunDataMismatch);
  const fileName = useStudio((s) => selectTable(s)?.fileName ?? "data.csv");
  const isImageReport = useStudio(
    (s) => s.imageTestImages !== null && s.dataset.kind === "pictures",
  );
  const hasPictures = useStudio((s) => s.dataset.kind === "pictures");
  const linearFit = useStudio((s) => s.trainedModel?.linearFit ?? null);
  if (!evaluation && hasImportedModel) return <ImportedReport />;
  if (!evaluation) {
    return (
      <p className="hint">
        After training, the model is tested on the {hasPictures ? "pictures" : "rows"} it never saw,
        and the report appears here.
      </p>
    );
  }
  // Until the newer report is drawn, the older one stays on screen: it says so (aria-busy) rather
  // than pass for the run that just ended. The wrapper carries it, so the memoised report is not
  // drawn again at once just to be marked.
  return (
    <div data-testid="evaluation-report" aria-busy={evaluation !== latest}>
      <EvaluationReport
        evaluation={evaluation}
        stale={stale}
        otherData={otherData}
        fileName={fileName}
        isImageReport={isImageReport}
        linearFit={linearFit}
      />
    </div>
  );
}

const EvaluationReport = memo(function EvaluationReport(props: {
  evaluation: NonNullable<StudioState["evaluation"]>;
  stale: boolean;
  otherData: string | null;
  fileName: string;
  isImageReport: boolean;
  /** The current model is the linear model (it was fitted, not trained epoch by epoch). */
  linearFit: LinearFit | null;
}) {
  const { evaluation, stale, otherData, fileName, isImageReport, linearFit } = props;
  const adoptLinearModel = useStudio((s) => s.adoptLinearModel);
  const running = useStudio((s) => s.run.state === "running");
  const targetName = evaluation.targetName;
  const [cell, setCell] = useState<{ actual: number; predicted: number } | null>(null);
  const { report, outcome, scores, linear, predictions } = evaluation;
  const binaryProbabilities =
    report.kind === "classification" &&
    report.classNames.length === 2 &&
    predictions.task === "classification"
      ? predictions
      : null;
  return (
    <div className="stack">
      {otherData && (
        <p className="warning" role="status" data-testid="report-other-data">
          {otherData}
        </p>
      )}
      {stale && !otherData && (
        <p className="warning" role="status">
          This report is out of date: the data, model or settings changed since it was made. Train
          again to refresh it.
        </p>
      )}
      {linearFit ? (
        <p className="hint" data-testid="linear-model-note">
          The linear model ({linearMethodName(linearFit.method)}, fitted on the training split in
          one go{linearFit.inputs ? `, on ${linearFit.inputs}` : ""}) tested on{" "}
          {plural(report.testSize, isImageReport ? "picture" : "row")} it never saw. Try it, export
          and share use this model; the network&apos;s run stays in the history.
        </p>
      ) : (
        <p className="hint">
          Tested on {plural(report.testSize, isImageReport ? "picture" : "row")} the model never saw
          during training,{" "}
          {outcome.bestEpoch > 0
            ? `with the weights of epoch ${outcome.bestEpoch}`
            : "with the weights as they were when you stopped, before the first epoch finished"}{" "}
          (trained on {evaluation.backend}).
        </p>
      )}
      {report.kind === "classification" && (
        <ReportAdvice report={report} isImageReport={isImageReport} />
      )}
      {!linearFit && !stale && (
        <TrainingAdvice report={report} outcome={outcome} linear={linear?.report ?? null} />
      )}
      {linear && (
        <LinearVerdict
          report={report}
          linear={linear.report}
          converged={linear.converged}
          iterations={linear.iterations}
          inputs={linear.inputs}
          onUse={linear.fitted && !stale ? adoptLinearModel : undefined}
          busy={running}
        />
      )}
      {report.kind === "classification" ? (
        <>
          <ClassificationView
            report={report}
            unit={isImageReport ? "picture" : "row"}
            onCellClick={
              isImageReport ? (actual, predicted) => setCell({ actual, predicted }) : undefined
            }
            scores={scores}
            linear={
              linear?.report.kind === "classification"
                ? { report: linear.report, scores: linear.scores }
                : null
            }
            confusion={
              binaryProbabilities && scores ? (
                <ThresholdControl
                  classNames={report.classNames}
                  actual={binaryProbabilities.actual}
                  probabilities={binaryProbabilities.probabilities}
                />
              ) : undefined
            }
          />
          {isImageReport && (
            <ImageMistakes report={report} cell={cell} onClearCell={() => setCell(null)} />
          )}
        </>
      ) : (
        <RegressionView
          report={report}
          points={evaluation.points}
          targetName={targetName}
          linear={linear?.report.kind === "regression" ? linear.report : null}
        />
      )}
      {evaluation.crossValidation && (
        <CrossValidationTable
          summary={evaluation.crossValidation}
          report={report}
          unit={isImageReport ? "picture" : "row"}
        />
      )}
      {report.kind === "classification" && scores && (
        <RocChart curves={scores.curves} classNames={report.classNames} />
      )}
      {report.kind === "classification" && scores && (
        <CalibrationChart
          calibration={scores.calibration}
          classNames={report.classNames}
          unit={isImageReport ? "picture" : "row"}
        />
      )}
      {!isImageReport && <FeatureImportance />}
      <div>
        <button
          type="button"
          className="secondary"
          data-testid="download-predictions"
          onClick={() =>
            download(
              // Built on demand: a large test split makes a large file.
              predictionsCsv(evaluation.predictions),
              `${fileName.replace(/\.[^.]+$/, "")}-test-predictions.csv`,
            )
          }
        >
          Download test predictions (CSV)
        </button>
      </div>
    </div>
  );
});
