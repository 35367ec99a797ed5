import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeIrisModel } from "../../tests/support/testModels";
import type { TrainedModel } from "../core/project/trainedModel";
import { createTestStudio } from "../../tests/support/studioServices";

let studio = createTestStudio();
let iris: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  iris = await makeIrisModel();
});
beforeEach(() => {
  studio = createTestStudio();
});

const payloadOf = (url: string) => url.slice(url.indexOf("#m=") + 3);

describe("inline sharing through the store", () => {
  it("makes a link that a fresh shared view opens as the same model, and try-it answers", async () => {
    studio.getState().setTrainedModel(iris);
    await studio.getState().createShare();
    const link = studio.getState().inlineShare;
    expect(link?.model).toBe(iris);
    expect(link?.url).toMatch(/#m=[A-Za-z0-9_-]+$/);

    // A visitor: nothing but the link.
    studio = createTestStudio();
    await studio.getState().openSharedLink({ kind: "inline", payload: payloadOf(link!.url) });
    const view = studio.getState().sharedView;
    expect(view.state).toBe("ready");
    if (view.state !== "ready") return;
    expect(view.model).toEqual(iris);
    expect(studio.getState().trainedModelOrigin).toBe("link");
    const row = iris.sampleRows[0]!;
    const visitor = await studio.getState().predictRecord(row);
    studio.getState().setTrainedModel(iris);
    expect(visitor).toEqual(await studio.getState().predictRecord(row));

    // Open in studio: the spec goes on the canvas, the model stays for try-it and export.
    studio.getState().setTrainedModel(view.model, "link");
    studio.setState({ sharedView: view });
    studio.getState().openSharedInStudio();
    expect(studio.getState().sharedView.state).toBe("none");
    expect(studio.getState().spec).toEqual(iris.spec);
    expect(studio.getState().trainedModel).toEqual(iris);
  });

  it("says a model is too large for an inline link, and a damaged link cannot be opened", async () => {
    // 300,000 random weights (1.2 MB of floats) cannot fit in a 1 MB link.
    const noise = Float32Array.from({ length: 300_000 }, () => Math.random());
    const big = {
      ...iris,
      weights: [...iris.weights, { name: "x/kernel", shape: [300_000], values: noise }],
    };
    studio.getState().setTrainedModel(big);
    await studio.getState().createShare();
    expect(studio.getState().shareStatus.state).toBe("too-large");
    expect(studio.getState().inlineShare).toBeNull();

    await studio.getState().openSharedLink({ kind: "inline", payload: "AQ" });
    const view = studio.getState().sharedView;
    expect(view.state === "failed" && view.problem).toMatch(/cut off|damaged/);
    await studio.getState().openSharedLink({ kind: "hosted", id: "" });
    expect(studio.getState().sharedView.state).toBe("not-found");
  });
});
