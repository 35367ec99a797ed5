import type { TrainedModel } from "../../core/project/trainedModel";
import { formatWhen, plural } from "../../ui/format";
import { linearVerdict } from "../../core/eval/linearVerdict";
import { linearMethodName } from "../../core/project/linearTrainedModel";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const number = (value: number) => value.toPrecision(4);

/** The headline numbers of a report, in words. */
function headline(model: TrainedModel): string {
  const report = model.report;
  if (report.kind === "classification") {
    const unit = model.preprocessing.image ? "pictures" : "rows";
    return `Accuracy ${percent(report.accuracy)} on ${report.testSize} test ${unit} (always guessing “${report.baselineClass}” scores ${percent(report.baselineAccuracy)}).`;
  }
  return `MAE ${number(report.mae)}, RMSE ${number(report.rmse)}, R² ${number(report.r2)} on ${report.testSize} test rows (predicting the mean: MAE ${number(report.baseline.mae)}).`;
}

/**
 * The card of a shared model. Every name here comes from a link or a bundle, i.e. from a stranger:
 * it is rendered as React text (escaped), never as HTML.
 */
export function SharedModelCard(props: {
  model: TrainedModel;
  source: "inline" | "hosted";
  version: number | null;
  updatedAt: string | null;
}) {
  const { model } = props;
  const { dataset } = model;
  const target = model.preprocessing.label.column;
  const inputs = model.preprocessing.inputs.map((t) => t.column);
  const { image } = model.preprocessing;
  const positive = model.labels.length === 2 ? model.labels[1] : null;
  return (
    <article className="stack shared-card" aria-labelledby="shared-model-name">
      <h2 id="shared-model-name">{model.name}</h2>
      <dl className="shared-facts">
        <dt>Predicts</dt>
        <dd>
          {image ? "the class of a picture" : target} ({model.task}
          {model.task === "classification" ? `: ${model.labels.join(", ")}` : ""})
        </dd>
        {positive !== null && (
          <>
            <dt>Decides</dt>
            <dd data-testid="shared-threshold">
              “{positive}” when its probability is at least {model.decisionThreshold ?? 0.5}
              {model.decisionThreshold === undefined ? " (the default)" : ""}
            </dd>
          </>
        )}
        <dt>From</dt>
        <dd>
          {image
            ? `Pictures resized to ${image.size}×${image.size} (${image.fit}), ${image.channels === 1 ? "grayscale" : "RGB"}`
            : `${inputs.length} column${inputs.length === 1 ? "" : "s"}: ${inputs.join(", ")}`}
        </dd>
        <dt>Data</dt>
        <dd>
          {dataset.fileName}: {dataset.rows} {image ? "pictures" : "rows"} ({dataset.split.train} to
          train, {dataset.split.validation} to validate, {dataset.split.test} to test). The data
          itself is not shared.
        </dd>
        <dt>Result</dt>
        <dd>{headline(model)}</dd>
        {model.report.linear && (
          <>
            <dt>Linear model</dt>
            <dd data-testid="shared-linear">
              {linearVerdict(model.report, model.report.linear.report)?.sentence}
              {model.report.linear.inputs && ` It was fitted on ${model.report.linear.inputs}.`}
            </dd>
          </>
        )}
        {model.linearFit ? (
          <>
            <dt>Fitted</dt>
            <dd data-testid="shared-linear-fit">
              A linear model ({linearMethodName(model.linearFit.method)}) fitted on the training{" "}
              {model.linearFit.inputs
                ? `pictures in one go, on ${model.linearFit.inputs}`
                : "rows in one go"}
              , {formatWhen(model.createdAt)}
            </dd>
          </>
        ) : (
          <>
            <dt>Trained</dt>
            <dd>
              {plural(model.history.length, "epoch")} on {model.backend},{" "}
              {formatWhen(model.createdAt)}
            </dd>
          </>
        )}
        <dt>Link</dt>
        <dd data-testid="shared-version" data-version={props.version ?? ""}>
          {props.source === "inline"
            ? "Inline: the model travels inside the link; nothing was fetched from a server."
            : `Hosted, version ${props.version}${props.updatedAt ? `, published ${formatWhen(props.updatedAt)}` : ""}.`}
        </dd>
      </dl>
    </article>
  );
}
