import { plural } from "../text/plural";
/**
 * The parts of `model-card.md` that differ for a model of pictures: its data (pictures in class
 * folders), how a picture becomes the network's input, and what it is for. The served model is the
 * bare network, so a client prepares pictures as these lines say.
 */
import type { ImageFit, ImagePreprocessing } from "../data/images/types";
import type { TrainedModel } from "../project/trainedModel";
import { BUNDLE_FILES, tritonFiles } from "./bundleLayout";
import type { ServedSignature } from "./serving";

const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

const FIT_TEXT: Record<ImageFit, string> = {
  stretch: "stretched to the square (the aspect ratio is not kept)",
  crop: "scaled so that its shorter side fills the square, then the centre square is cut out",
  pad: "scaled so that its longer side fits the square, centred, and the rest filled with black (0)",
};

/** One line saying how a picture becomes the network's input: resize, channels, scale. */
export function imageInputText(image: ImagePreprocessing): string {
  const channels =
    image.channels === 1
      ? "grayscale (1 channel, luma 0.299 R + 0.587 G + 0.114 B, rounded)"
      : "RGB (3 channels, alpha dropped; transparent pixels count as black)";
  return `Each picture is ${FIT_TEXT[image.fit]} at ${image.size}×${image.size} pixels, made ${channels}, and every value (0–255) divided by 255 into [0, 1] (float32, NHWC).`;
}

export function imageDataSection(model: TrainedModel, image: ImagePreprocessing): string[] {
  const { dataset, labels } = model;
  return [
    `- Pictures: ${code(dataset.fileName)}, ${plural(dataset.rows, "picture")} sorted into one folder per class; the folder is the label.`,
    `- Split (stratified): ${dataset.split.train} training, ${dataset.split.validation} validation, ${dataset.split.test} test pictures.`,
    `- ${labels.length} classes: ${labels.map(code).join(", ")}.`,
    `- Input: ${imageInputText(image)}`,
    `- Trained for ${plural(model.history.length, "epoch")} with ${model.trainConfig.optimizer} (learning rate ${model.trainConfig.learningRate}, batch ${model.trainConfig.batchSize}, seed ${model.trainConfig.seed}) on ${model.backend}, ${model.createdAt}.`,
  ];
}

export function imageIntendedUse(model: TrainedModel): string[] {
  return [
    `- Intended for pictures like those of ${code(model.dataset.fileName)}: the same kind of subject, framing and lighting, one of the ${model.labels.length} classes above. It always answers one of these classes, even for a picture of something else.`,
    "- The test split is small and was drawn from the same pictures: expect worse numbers on pictures from elsewhere. Compare with the baseline above before relying on it.",
    "- Prepare pictures exactly as described below (size, fit, channels, scaling); anything else changes the answers without warning.",
    "- Not for decisions about people without a human review and a check of errors per group.",
  ];
}

/** The section describing the served model's input tensor and its output. */
export function imageInputsSection(
  model: TrainedModel,
  image: ImagePreprocessing,
  signature: ServedSignature,
): string[] {
  const input = signature.inputs[0];
  const output = signature.outputs[0];
  const triton = tritonFiles(model);
  const shape = `[batch, ${image.size}, ${image.size}, ${image.channels}]`;
  return [
    `${code(BUNDLE_FILES.onnxModel)} (also ${code(triton.model)}) takes one tensor ${code(input?.name ?? "")} of shape ${shape}, FP32: the picture after the preprocessing that ${code(BUNDLE_FILES.preprocessing)} records (${code(`"image": {"size": ${image.size}, "channels": ${image.channels}, "fit": "${image.fit}", "scaling": "unit"}`)}). Decoding and resizing stay with the client, because a picture's size is only known once it is decoded:`,
    "",
    `- ${imageInputText(image)}`,
    "",
    `Output: ${code(output?.name ?? "")} holds the probability of each class in this order: ${model.labels.map(code).join(", ")}.`,
  ];
}
