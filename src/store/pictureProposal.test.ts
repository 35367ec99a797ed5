import { readFileSync } from "node:fs";
import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "../core/data/images/augment";
import { encodePng } from "../core/data/images/png";
import { mulberry32 } from "../core/data/random";
import { PHOTO_CNN_PATIENCE } from "../core/model/imageTemplate";
import { DEFAULT_TRAIN_CONFIG } from "../core/train/config";
import { renderShapePicture } from "../../tests/support/synthetic";
import { createTestStudio } from "../../tests/support/studioServices";
import { selectPictures } from "./loadedData";

/** Photo-like 64×64 pictures of a circle and a square, four of each, as a zip of class folders. */
function photoZip(): Uint8Array {
  const rng = mulberry32(7);
  const files: Record<string, Uint8Array> = {};
  for (const kind of ["circle", "square"] as const)
    for (let i = 0; i < 4; i++)
      files[`${kind}/${i}.png`] = encodePng(renderShapePicture(kind, 64, rng), 64, 64, 3);
  return zipSync(files);
}

const digitsZip = new Uint8Array(readFileSync("tests/fixtures/digits-png.zip"));

describe("the proposal for loaded pictures", () => {
  it("photo-sized pictures get the photo CNN, augmentation and a longer patience; digits do not", async () => {
    const studio = createTestStudio();
    const state = () => studio.getState();
    state().setTrainConfig({ epochs: 30 });
    await state().loadImages(
      [{ path: "photos.zip", file: new Blob([new Uint8Array(photoZip())]) }],
      "photos.zip",
    );
    expect(selectPictures(state())?.size).toBe(64);
    expect(state().spec.nodes.map((n) => n.type)).toContain("GlobalMaxPooling2D");
    expect(state().specIsDefault).toBe(true);
    expect(state().augmentation).toMatchObject({ enabled: true, flip: true, rotationDegrees: 30 });
    expect(state().trainConfig.earlyStopping.patience).toBe(PHOTO_CNN_PATIENCE);
    // The person's other settings stay.
    expect(state().trainConfig.epochs).toBe(30);

    await state().loadImages([{ path: "digits.zip", file: new Blob([digitsZip]) }], "digits.zip");
    expect(selectPictures(state())?.size).toBe(32);
    expect(state().spec.nodes.map((n) => n.type)).toContain("Flatten");
    // The photo proposal's mirroring is withdrawn from the digits.
    expect(state().augmentation).toEqual(DEFAULT_AUGMENTATION);
    // Small pictures leave the training settings as they are.
    expect(state().trainConfig.earlyStopping.patience).toBe(PHOTO_CNN_PATIENCE);
    expect(PHOTO_CNN_PATIENCE).not.toBe(DEFAULT_TRAIN_CONFIG.earlyStopping.patience);
  });
});
