import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs";
import { unzipSync, zipSync } from "fflate";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { switchKind } from "../core/data/images/augmentKinds";
import { LocalTrainingRunner } from "../worker/localTrainingRunner";
import type { TrainRequest } from "../core/train/runMessages";
import { createTestStudio } from "../../tests/support/studioServices";
import { pooledPictureSpec } from "../../tests/support/preparedRuns";
import { selectPictures, selectTryPictures } from "./selectors";
import { buildTrainedModel } from "../core/project/predict";
import { buildBundle } from "../core/export/bundle";
import { readBundle } from "../core/export/readBundle";

/** What the training worker is sent, recorded on the way to the same job the worker runs. */
const sent: Array<Omit<TrainRequest, "type">> = [];
class RecordingRunner extends LocalTrainingRunner {
  override start(...args: Parameters<LocalTrainingRunner["start"]>) {
    sent.push(args[0]);
    super.start(...args);
  }
}
let studio = createTestStudio({ training: new RecordingRunner() });

const digits = unzipSync(new Uint8Array(readFileSync("tests/fixtures/digits-png.zip")));
/** 0s and 1s only (129 pictures): a short run on the cpu backend. */
const twoDigits = zipSync(
  Object.fromEntries(Object.entries(digits).filter(([name]) => /^[01]\//.test(name))),
);

/** A small model for the two-class pictures (see pooledPictureSpec). */
const smallSpec = pooledPictureSpec(2, "AveragePooling2D");

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  studio = createTestStudio({ training: new RecordingRunner() });
});

async function loadAndTrain(): Promise<number> {
  const store = studio.getState();
  await store.loadImages([{ path: "two.zip", file: new Blob([twoDigits]) }], "two.zip");
  expect(selectPictures(studio.getState())?.count).toBe(129);
  store.showModel(smallSpec);
  store.setBackendPreference("cpu");
  store.setTrainConfig({ epochs: 1, batchSize: 16 });
  await studio.getState().startTraining();
  await vi.waitFor(() => expect(studio.getState().run.state).toMatch(/done|error/), {
    timeout: 120_000,
  });
  expect(studio.getState().run.error).toBeNull();
  return studio.getState().trainedModel?.history[0]?.loss ?? NaN;
}

describe("image runs", () => {
  it("cross-validate: k stratified folds of the pictures outside the test split, scored like a table's", async () => {
    const store = studio.getState();
    await store.loadImages([{ path: "two.zip", file: new Blob([twoDigits]) }], "two.zip");
    store.showModel(smallSpec);
    store.setBackendPreference("cpu");
    store.setTrainConfig({
      epochs: 1,
      batchSize: 16,
      crossValidation: { enabled: true, folds: 3 },
    });
    await studio.getState().startTraining();
    await vi.waitFor(() => expect(studio.getState().run.state).toMatch(/done|error/), {
      timeout: 120_000,
    });
    expect(studio.getState().run.error).toBeNull();
    const request = sent.at(-1);
    const split = studio.getState().trainedModel?.dataset.split;
    const pooled = (split?.train ?? 0) + (split?.validation ?? 0);
    expect(pooled).toBeGreaterThan(90);
    // Every pooled picture is held out by exactly one fold, as bytes of 32×32×1.
    expect(request?.folds).toHaveLength(3);
    const heldOut = (request?.folds ?? []).reduce((n, fold) => n + fold.test.rows, 0);
    expect(heldOut).toBe(pooled);
    for (const fold of request?.folds ?? []) {
      expect(fold.test.x).toBeInstanceOf(Uint8Array);
      expect(fold.test.x.length).toBe(fold.test.rows * 32 * 32);
    }
    const cv = studio.getState().evaluation?.crossValidation;
    expect(cv).toMatchObject({ folds: 3, completed: 3, rows: pooled, linear: null });
    expect(cv?.network.accuracy?.mean).toBeGreaterThanOrEqual(0);
    expect(cv?.network.accuracy?.mean).toBeLessThanOrEqual(1);
    // The report the model keeps carries it, as a table model's does.
    expect(studio.getState().trainedModel?.report.crossValidation).toEqual(cv);
  });

  it("send the augmentation the person switched on to the training worker, which applies it", async () => {
    const plainLoss = await loadAndTrain();
    expect(sent.at(-1)?.data.augmentation).toBeUndefined();
    const rotate = switchKind(studio.getState().augmentation, "rotation", true);
    studio.getState().setAugmentation(rotate);
    const augmentedLoss = await loadAndTrain();
    expect(sent.at(-1)?.data.augmentation).toEqual(rotate);
    // Same seed, same pictures, same model: only the rotated batches make the losses differ.
    expect(augmentedLoss).not.toBe(plainLoss);
    expect(Number.isFinite(augmentedLoss)).toBe(true);

    // Try-it cycles through this run's test pictures, each with its class.
    const pictures = selectTryPictures(studio.getState());
    const test = studio.getState().imageTestImages;
    expect(pictures?.count).toBe(test?.indices.length);
    expect(pictures?.pixels).toHaveLength((test?.indices.length ?? 0) * 32 * 32);
    expect(new Set(pictures?.labels)).toEqual(new Set(["0", "1"]));
    // Without this session's pictures (an imported or reopened model), the model's own samples.
    const model = studio.getState().trainedModel;
    studio.setState({ imageTestImages: null });
    const samples = selectTryPictures(studio.getState());
    expect(samples?.count).toBe(model?.sampleImages?.length);
    expect(samples?.count).toBeGreaterThan(0);
    expect(samples?.labels).toEqual(model?.sampleImages?.map((s) => s.label));
    expect(samples?.pixels.subarray(0, 1024)).toEqual(pictures?.pixels.subarray(0, 1024));
  });

  it("resume from a checkpoint and end with the weights of an unbroken run", async () => {
    const flat = () =>
      (studio.getState().trainedModel?.weights ?? []).flatMap((w) => Array.from(w.values));
    const store = studio.getState();
    await store.loadImages([{ path: "two.zip", file: new Blob([twoDigits]) }], "two.zip");
    store.showModel(smallSpec);
    store.setBackendPreference("cpu");
    store.setTrainConfig({
      epochs: 3,
      batchSize: 16,
      earlyStopping: { enabled: false, patience: 5, restoreBest: false },
    });
    // The unbroken run, keeping the checkpoint it made after epoch 1.
    let afterFirst: NonNullable<ReturnType<typeof studio.getState>["runCheckpoint"]> | null = null;
    const stop = studio.subscribe((state) => {
      if (state.runCheckpoint?.epoch === 1) afterFirst ??= state.runCheckpoint;
    });
    await studio.getState().startTraining();
    await vi.waitFor(() => expect(studio.getState().run.state).toBe("done"), {
      timeout: 120_000,
    });
    stop();
    const unbroken = flat();
    if (!afterFirst) throw new Error("no checkpoint after epoch 1");

    // The same run resumed from that checkpoint (as after a reload).
    await studio.getState().startTraining({ runId: "run-resumed", checkpoint: afterFirst });
    expect(studio.getState().run.history).toHaveLength(1);
    expect(sent.at(-1)?.resumeFrom?.epoch).toBe(1);
    await vi.waitFor(() => expect(studio.getState().run.state).toBe("done"), {
      timeout: 120_000,
    });
    expect(studio.getState().trainedModel?.history.map((e) => e.epoch)).toEqual([1, 2, 3]);
    const resumed = flat();
    expect(resumed).toHaveLength(unbroken.length);
    expect(Math.max(...resumed.map((v, i) => Math.abs(v - (unbroken[i] ?? NaN))))).toBeLessThan(
      1e-5,
    );
  });

  it("report the linear model on the pictures averaged down, and Use the linear model serves it", async () => {
    await loadAndTrain();
    const { evaluation, trainedModel: network } = studio.getState();
    const linear = evaluation?.linear;
    expect(linear?.inputs).toBe("the pictures averaged down to 8×8 per channel");
    expect(linear?.report.kind).toBe("classification");
    expect(evaluation?.report.linear?.inputs).toBe(linear?.inputs);
    expect(linear?.picture?.outputs.length).toBe((evaluation?.report.testSize ?? 0) * 2);

    studio.getState().adoptLinearModel();
    const after = studio.getState();
    const model = after.trainedModel;
    expect(model).not.toBe(network);
    expect(model?.spec.nodes.map((n) => n.type)).toEqual([
      "InputLayer",
      "AveragePooling2D",
      "Flatten",
      "Dense",
    ]);
    expect(model?.linearFit).toEqual({ method: "logistic", penalty: 1, inputs: linear?.inputs });
    expect(model?.preprocessing).toEqual(network?.preprocessing);
    expect(after.evaluation?.report).toEqual(linear?.report);
    // The model built from it answers the test pictures as the report's linear column did.
    const test = after.imageTestImages;
    const rows = test?.indices.length ?? 0;
    const built = buildTrainedModel(tf, model!);
    const answered = tf.tidy(() =>
      (
        built.predict(
          tf.tensor(
            Float32Array.from(test!.pixels, (v) => v / 255),
            [rows, 32, 32, 1],
          ),
        ) as tf.Tensor
      ).dataSync(),
    );
    built.dispose();
    const kept = after.evaluation?.predictions;
    const probabilities = kept?.task === "classification" ? kept.probabilities : [];
    expect(answered.length).toBe(probabilities.length);
    const worst = Math.max(
      ...Array.from(answered, (v, i) => Math.abs(v - (probabilities[i] ?? NaN))),
    );
    expect(worst).toBeLessThan(1e-5);

    // Its bundle reads back as the same model, saying what it saw; the card says it too.
    const bundle = await buildBundle(model!, tf);
    const read = readBundle(bundle);
    expect(read.linearFit).toEqual(model?.linearFit);
    expect(read.spec).toEqual(model?.spec);
    const card = new TextDecoder().decode(unzipSync(bundle)["model-card.md"]);
    expect(card).toContain("a linear model (logistic regression on the pictures averaged down");
  });
});
