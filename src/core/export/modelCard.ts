import { plural } from "../text/plural";
/**
 * `model-card.md`: what the model is, what it was trained on, how well it does against a baseline,
 * what it is for and not for, and how to serve it — with a v2 request made from a real row and the
 * exact output the served pipeline returns for it.
 */
import { kindOf } from "../data/columnKinds";
import type { FittedColumnTransform } from "../data/types";
import type { TrainedModel } from "../project/trainedModel";
import { BUNDLE_FILES, tritonFiles } from "./bundleLayout";
import { MAX_BATCH_SIZE, V2_DATATYPE, storageUriFor, type ServedSignature } from "./serving";
import type { V2Example, V2Response } from "./servingExample";
import { imageDataSection, imageInputsSection, imageIntendedUse } from "./modelCardImage";
import { linearVerdict } from "../eval/linearVerdict";
import { METRICS } from "../eval/metricTable";
import { linearMethodName } from "../project/linearTrainedModel";

export interface ModelCardInput {
  model: TrainedModel;
  servingName: string;
  signature: ServedSignature;
  example: V2Example;
  response: V2Response;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(4));
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

/**
 * Two classes: the rule the model answers by — the second class (the positive one) from the
 * probability the person chose in the report, else 0.5 (the more probable class).
 */
export function decisionLine(model: TrainedModel): string | null {
  if (model.task !== "classification" || model.labels.length !== 2) return null;
  const [negative, positive] = model.labels as [string, string];
  const threshold = model.decisionThreshold;
  return threshold === undefined
    ? `Decision: the model predicts ${code(positive)} when p(${code(positive)}) ≥ 0.5, else ${code(negative)} (the default threshold; none was chosen in the report).`
    : `Decision: predicts ${code(positive)} when p ≥ ${threshold} (the probability of ${code(positive)}; threshold chosen in the report), else ${code(negative)}. The served model returns probabilities: apply this threshold to them.`;
}

function metricsSection(model: TrainedModel): string[] {
  const { report } = model;
  const unit = model.preprocessing.image ? "pictures" : "rows";
  // The linear model fitted beside a network, when the report kept it: a column and a verdict.
  const linear = report.linear?.report;
  const verdict = linear ? linearVerdict(report, linear) : null;
  const extra = (value: number | undefined) =>
    linear ? ` ${value === undefined ? "" : fmt(value)} |` : "";
  const linearHead = linear ? " linear model (same rows) |" : "";
  const linearRule = linear ? "---|" : "";
  const seen = report.linear?.inputs ? ` It was fitted on ${report.linear.inputs}.` : "";
  const verdictLines = verdict ? ["", verdict.sentence + seen] : [];
  if (report.kind === "classification") {
    const decision = decisionLine(model);
    const lin = linear?.kind === "classification" ? linear : null;
    return [
      `| metric (test split, ${report.testSize} ${unit}) | model | baseline (always “${report.baselineClass}”) |${linearHead}`,
      `|---|---|---|${linearRule}`,
      `| ${METRICS.accuracy.label.toLowerCase()} | ${fmt(report.accuracy)} | ${fmt(report.baselineAccuracy)} |${extra(lin?.accuracy)}`,
      `| macro ${METRICS.f1.label} | ${fmt(report.macro.f1)} | |${extra(lin?.macro.f1)}`,
      `| weighted ${METRICS.f1.label} | ${fmt(report.weighted.f1)} | |${extra(lin?.weighted.f1)}`,
      ...verdictLines,
      "",
      `| class | ${METRICS.precision.label.toLowerCase()} | ${METRICS.recall.label.toLowerCase()} | ${METRICS.f1.label} | ${METRICS.support.label.toLowerCase()} |`,
      "|---|---|---|---|---|",
      ...report.perClass.map(
        (c) =>
          `| ${c.className} | ${fmt(c.precision)} | ${fmt(c.recall)} | ${fmt(c.f1)} | ${c.support} |`,
      ),
      ...(decision ? ["", decision] : []),
    ];
  }
  const b = report.baseline;
  const lin = linear?.kind === "regression" ? linear : null;
  return [
    `| metric (test split, ${report.testSize} rows) | model | baseline (always ${fmt(b.value)}) |${linearHead}`,
    `|---|---|---|${linearRule}`,
    `| ${METRICS.mae.label} | ${fmt(report.mae)} | ${fmt(b.mae)} |${extra(lin?.mae)}`,
    `| ${METRICS.rmse.label} | ${fmt(report.rmse)} | ${fmt(b.rmse)} |${extra(lin?.rmse)}`,
    `| ${METRICS.r2.label} | ${fmt(report.r2)} | ${fmt(b.r2)} |${extra(lin?.r2)}`,
    ...verdictLines,
  ];
}

function inputLine(t: FittedColumnTransform): string {
  const kind = kindOf(t);
  const { accepts, becomes } = kind.cardLine(t, fmt);
  return `| ${t.column} | ${V2_DATATYPE[kind.pipelineInput]} | ${accepts} | ${becomes} |`;
}

function dataSection(model: TrainedModel): string[] {
  const { dataset, preprocessing, labels } = model;
  const target = preprocessing.label.column;
  const inputs = preprocessing.inputs.map((t) => t.column);
  return [
    `- File: ${code(dataset.fileName)}, ${dataset.rows} rows with a value in ${code(target)}.`,
    `- Split: ${dataset.split.train} training, ${dataset.split.validation} validation, ${dataset.split.test} test rows (preprocessing fitted on the training rows only).`,
    `- Input columns (${inputs.length}): ${inputs.map(code).join(", ")} → ${preprocessing.featureNames.length} features.`,
    model.task === "classification"
      ? `- Target ${code(target)}, ${labels.length} classes: ${labels.map(code).join(", ")}.`
      : `- Target ${code(target)} (a number; trained standardised, answered in its own units).`,
    model.linearFit
      ? `- Fitted as ${linearMethodName(model.linearFit.method)} (L2 penalty ${model.linearFit.penalty}) on the training rows in one go, ${model.createdAt}: the linear model the studio compares every network with, kept as the model.`
      : `- Trained for ${plural(model.history.length, "epoch")} with ${model.trainConfig.optimizer} (learning rate ${model.trainConfig.learningRate}, batch ${model.trainConfig.batchSize}, seed ${model.trainConfig.seed}) on ${model.backend}, ${model.createdAt}.`,
  ];
}

function tableIntendedUse(model: TrainedModel): string[] {
  return [
    `- Intended for rows like those of ${code(model.dataset.fileName)}: the same columns, meanings and units, from the same population. It predicts ${code(model.preprocessing.label.column)}; nothing more is claimed.`,
    "- The test split is small and was drawn from the same file: expect worse numbers on data from elsewhere or later. Compare with the baseline above before relying on it.",
    "- Categories not seen in training count as missing (all zeros); numbers far outside the training range extrapolate without warning.",
    "- Not for decisions about people without a human review and a check of errors per group.",
  ];
}

function tableInputsSection(model: TrainedModel, answer: string): string[] {
  const triton = tritonFiles(model);
  return [
    "## Inputs of the served pipeline",
    "",
    `${code(BUNDLE_FILES.onnxPipeline)} (also ${code(triton.model)}) takes the raw columns, one tensor of shape [batch, 1] each, and applies the fitted preprocessing itself (ONNX opset 17 with ai.onnx.ml opset 3 for LabelEncoder). Send text trimmed, as in the table. ONNX opset 17 cannot read dates, so date columns are sent as days since 1970-01-01 UTC (fractional for times; float32 keeps about 3 minutes of precision today).`,
    "",
    "| column | datatype | what to send | becomes |",
    "|---|---|---|---|",
    ...model.preprocessing.inputs.map(inputLine),
    "",
    `Output: ${answer} ${code(BUNDLE_FILES.onnxModel)} is the bare network (preprocessed features in, as ${code(BUNDLE_FILES.preprocessing)} describes).`,
  ];
}

/** The card as Markdown. */
export function modelCard(input: ModelCardInput): string {
  const { model, servingName, signature, example, response } = input;
  const { image } = model.preprocessing;
  const output = signature.outputs[0];
  const url = `http://localhost:8000/v2/models/${servingName}/infer`;
  const requestJson = JSON.stringify(example.request);
  const filledNote =
    example.filled.length > 0
      ? `JSON has no NaN, so the missing value of ${example.filled.map(code).join(", ")} is sent as its fill value (what the pipeline would impute). `
      : "";
  const answer =
    model.task === "classification"
      ? `${code(output?.name ?? "")} holds the probability of each class in this order: ${model.labels.map(code).join(", ")}.`
      : `${code(output?.name ?? "")} holds the predicted ${code(model.preprocessing.label.column)} in its own units.`;
  const requestLines = image
    ? [
        `A request in the Open Inference Protocol (v2), made from ${example.picture?.label ? `a test picture of class ${code(example.picture.label)}` : "a black picture (the model keeps no test pictures)"} (${code(BUNDLE_FILES.v2Request)}; ${image.size * image.size * image.channels} numbers, so sent from the file):`,
        "",
        "```sh",
        `curl -s -X POST ${url} -H 'Content-Type: application/json' -d @${BUNDLE_FILES.v2Request}`,
        "```",
      ]
    : [
        `A request in the Open Inference Protocol (v2), made from the first sample row (${code(BUNDLE_FILES.v2Request)}). ${filledNote}`,
        "",
        "```sh",
        `curl -s -X POST ${url} -H 'Content-Type: application/json' -d '${requestJson.replace(/'/g, "'\\''")}'`,
        "```",
      ];
  return [
    `# ${model.name}`,
    "",
    image && model.linearFit
      ? `A classification model of pictures made with Model Studio: a linear model (${linearMethodName(model.linearFit.method)} on ${model.linearFit.inputs ?? "the pictures"}, served as one Dense layer) that reads ${image.size}×${image.size} ${image.channels === 1 ? "grayscale" : "RGB"} pictures.`
      : image
        ? `A classification model of pictures made with Model Studio: a neural network of ${model.spec.nodes.length} layers that reads ${image.size}×${image.size} ${image.channels === 1 ? "grayscale" : "RGB"} pictures.`
        : model.linearFit
          ? `A ${model.task} model made with Model Studio: a linear model (${linearMethodName(model.linearFit.method)}, served as one Dense layer) with the fitted preprocessing of its table.`
          : `A ${model.task} model made with Model Studio: a neural network of ${model.spec.nodes.length} layers with the fitted preprocessing of its table.`,
    "",
    "## Data",
    "",
    ...(image ? imageDataSection(model, image) : dataSection(model)),
    "",
    "## Metrics",
    "",
    ...metricsSection(model),
    "",
    "## Intended use and limits",
    "",
    ...(image ? imageIntendedUse(model) : tableIntendedUse(model)),
    "",
    ...(image
      ? ["## Input of the served model", "", ...imageInputsSection(model, image, signature)]
      : tableInputsSection(model, answer)),
    "",
    "## Serve it",
    "",
    `Triton (the ${code("triton/")} folder is a model repository; batches up to ${MAX_BATCH_SIZE} rows):`,
    "",
    "```sh",
    'docker run --rm -p 8000:8000 -p 8001:8001 -v "$PWD/triton:/models" nvcr.io/nvidia/tritonserver:24.08-py3 tritonserver --model-repository=/models',
    "```",
    "",
    `KServe: upload ${code("triton/")} to ${code(storageUriFor(servingName))} (or edit ${code("storageUri")}), then ${code(`kubectl apply -f ${BUNDLE_FILES.kserve}`)}.`,
    "",
    ...requestLines,
    "",
    `returns (${code(BUNDLE_FILES.v2Response)}; float32, computed at export with tf.js on the same weights):`,
    "",
    "```json",
    JSON.stringify(response),
    "```",
    "",
    "## Other files",
    "",
    `- ${code("tfjs/")}: TensorFlow.js Layers model (${code("tf.loadLayersModel")}). To Keras: ${code("tensorflowjs_converter --input_format=tfjs_layers_model --output_format=keras tfjs/model.json model.h5")}.`,
    `- ${code(BUNDLE_FILES.onnxModel)}: the model alone, ONNX opset 17, IR 8, batch dimension symbolic.`,
    `- ${code(BUNDLE_FILES.preprocessing)}, ${code(BUNDLE_FILES.spec)}, ${code(BUNDLE_FILES.metrics)}: the fitted preprocessing, the layer graph and the evaluation report.`,
    `- ${code(BUNDLE_FILES.trainedModel)}: everything Model Studio needs to open the model again (its weights are the tf.js shard).`,
    "",
  ].join("\n");
}
