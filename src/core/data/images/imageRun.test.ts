import { describe, expect, it } from "vitest";
import { DEFAULT_AUGMENTATION } from "./augment";
import { imageInputShape, imagePreprocessingOf, prepareImageRun, testImagesOf } from "./imageRun";
import { numberedPictures } from "../../../../tests/support/preparedRuns";

const SPLIT = { train: 0.6, validation: 0.2, test: 0.2 };

/** 20 grey 2×2 pictures, 10 per class, each filled with its own index (so a test finds it again). */
const numbered = () => numberedPictures(20, ["even", "odd"], 2);

describe("prepareImageRun", () => {
  it("splits the pictures, keeping the test pictures and their labels on the page", () => {
    const dataset = numbered();
    const run = prepareImageRun(dataset, SPLIT, 7, null);
    const { sizes } = run.prepared.plan;
    expect(sizes.train + sizes.validation + sizes.test).toBe(20);
    expect(run.prepared.plan.featureCount).toBe(4);
    expect(run.data).toMatchObject({ inputShape: [2, 2, 1], classCount: 2, targetScale: 1 });
    expect(run.data).not.toHaveProperty("augmentation");
    const { indices } = run.testImages;
    expect(indices).toHaveLength(sizes.test);
    // Each test picture is the one its index names, with that picture's label, in file order.
    indices.forEach((index, i) => expect(run.testImages.pixels[i * 4]).toBe(index));
    expect(Array.from(run.prepared.test.y)).toEqual(indices.map((i) => i % 2));
    expect(run.prepared.testOrigin.rowNumbers).toEqual(indices.map((i) => i + 1));
    expect(run.test.rows).toBe(sizes.test);
    // The page keeps labels only; the bytes go to the worker.
    expect(run.prepared.train.x).toHaveLength(0);
    expect(run.sampleImages.length).toBeGreaterThan(0);
    expect(run.folds).toEqual([]);
  });

  it("sends augmentation only when it is on, and cuts folds outside the test pictures", () => {
    const dataset = numbered();
    const on = { ...DEFAULT_AUGMENTATION, enabled: true };
    const run = prepareImageRun(dataset, SPLIT, 7, on, 3);
    expect(run.data.augmentation).toEqual(on);
    expect(prepareImageRun(dataset, SPLIT, 7, DEFAULT_AUGMENTATION).data).not.toHaveProperty(
      "augmentation",
    );
    expect(run.folds).toHaveLength(3);
    const test = new Set(run.testImages.indices);
    const heldOut = run.folds.flatMap((fold) => fold.indices.test);
    expect(heldOut.some((i) => test.has(i))).toBe(false);
    expect(heldOut.sort((a, b) => a - b)).toHaveLength(20 - test.size);
  });
});

describe("testImagesOf", () => {
  it("cuts the same test pictures again from the dataset, split and seed of a run", () => {
    const dataset = numbered();
    const run = prepareImageRun(dataset, SPLIT, 11, null);
    expect(testImagesOf(dataset, SPLIT, 11)).toEqual(run.testImages);
    expect(testImagesOf(dataset, SPLIT, 12).indices).not.toEqual(run.testImages.indices);
  });
});

describe("imagePreprocessingOf", () => {
  it("names the classes and says how a picture becomes the model's input", () => {
    const dataset = numbered();
    expect(imageInputShape(dataset)).toEqual([2, 2, 1]);
    expect(imagePreprocessingOf(dataset)).toMatchObject({
      task: "classification",
      label: { kind: "classes", column: "label", classNames: ["even", "odd"] },
      image: { size: 2, channels: 1, fit: "stretch", scaling: "unit" },
    });
  });
});
