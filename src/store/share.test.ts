import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeTrainedModel } from "../../tests/support/testModels";
import type { TrainedModel } from "../core/project/trainedModel";
import { LocalPredictService } from "../worker/predictService";
import { useStudio } from "./index";
import { setPredictService } from "./predictService";

setPredictService(new LocalPredictService());
const initial = useStudio.getState();
let iris: TrainedModel;

beforeAll(async () => {
  await tf.setBackend("cpu");
  iris = await makeTrainedModel({
    file: "public/samples/iris.csv",
    target: "species",
    task: "classification",
    epochs: 2,
  });
});
beforeEach(() => useStudio.setState(initial, true));

const payloadOf = (url: string) => url.slice(url.indexOf("#m=") + 3);

describe("inline sharing through the store", () => {
  it("makes a link that a fresh shared view opens as the same model, and try-it answers", async () => {
    useStudio.getState().setTrainedModel(iris);
    await useStudio.getState().createShare();
    const link = useStudio.getState().inlineShare;
    expect(link?.model).toBe(iris);
    expect(link?.url).toMatch(/#m=[A-Za-z0-9_-]+$/);

    // A visitor: nothing but the link.
    useStudio.setState(initial, true);
    await useStudio.getState().openSharedLink({ kind: "inline", payload: payloadOf(link!.url) });
    const view = useStudio.getState().sharedView;
    expect(view.state).toBe("ready");
    if (view.state !== "ready") return;
    expect(view.model).toEqual(iris);
    expect(useStudio.getState().trainedModelOrigin).toBe("link");
    const row = iris.sampleRows[0]!;
    const visitor = await useStudio.getState().predictRecord(row);
    useStudio.getState().setTrainedModel(iris);
    expect(visitor).toEqual(await useStudio.getState().predictRecord(row));

    // Open in studio: the spec goes on the canvas, the model stays for try-it and export.
    useStudio.getState().setTrainedModel(view.model, "link");
    useStudio.setState({ sharedView: view });
    useStudio.getState().openSharedInStudio();
    expect(useStudio.getState().sharedView.state).toBe("none");
    expect(useStudio.getState().spec).toEqual(iris.spec);
    expect(useStudio.getState().trainedModel).toEqual(iris);
  });

  it("says a model is too large for an inline link, and a damaged link cannot be opened", async () => {
    // 300,000 random weights (1.2 MB of floats) cannot fit in a 1 MB link.
    const noise = Float32Array.from({ length: 300_000 }, () => Math.random());
    const big = {
      ...iris,
      weights: [...iris.weights, { name: "x/kernel", shape: [300_000], values: noise }],
    };
    useStudio.getState().setTrainedModel(big);
    await useStudio.getState().createShare();
    expect(useStudio.getState().shareStatus.state).toBe("too-large");
    expect(useStudio.getState().inlineShare).toBeNull();

    await useStudio.getState().openSharedLink({ kind: "inline", payload: "AQ" });
    const view = useStudio.getState().sharedView;
    expect(view.state === "failed" && view.problem).toMatch(/cut off|damaged/);
    await useStudio.getState().openSharedLink({ kind: "hosted", id: "" });
    expect(useStudio.getState().sharedView.state).toBe("not-found");
  });
});
