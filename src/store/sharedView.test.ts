import * as tf from "@tensorflow/tfjs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { makeTrainedModel } from "../../tests/support/testModels";
import { buildBundle } from "../core/export/bundle";
import type { TrainedModel } from "../core/project/trainedModel";
import { ShareApi } from "../core/share/hostedApi";
import { createTestStudio } from "../../tests/support/studioServices";

let studio = createTestStudio();
const state = () => studio.getState();

/** Two versions of one hosted link: trained for 2 and for 4 epochs. */
const versions: { model: TrainedModel; bundle: Uint8Array }[] = [];

beforeAll(async () => {
  await tf.setBackend("cpu");
  for (const epochs of [2, 4]) {
    const model = await makeTrainedModel({
      file: "public/samples/iris.csv",
      target: "species",
      task: "classification",
      epochs,
    });
    versions.push({ model, bundle: await buildBundle(model, tf) });
  }
}, 120_000);
beforeEach(() => {
  studio = createTestStudio();
});

/**
 * The share server's reads (metadata, latest bundle, numbered bundle) as server/routes answers
 * them, where the owner publishes version 2 right after a visitor's metadata request was answered:
 * the visitor's two requests straddle the publish.
 */
function publishBetweenRequests() {
  let latest = 1;
  const zip = (version: number) =>
    new Response(versions[version - 1]!.bundle as BodyInit, {
      headers: { "content-type": "application/zip", "x-share-version": String(version) },
    });
  const handler = async (input: RequestInfo | URL): Promise<Response> => {
    const path = String(input);
    if (path === "/api/shares/s1") {
      const answer = Response.json({
        id: "s1",
        version: latest,
        name: "iris species",
        createdAt: "2026-12-06T10:00:00.000Z",
      });
      latest = 2;
      return answer;
    }
    if (path === "/api/shares/s1/bundle") return zip(latest);
    const numbered = /^\/api\/shares\/s1\/versions\/(\d+)\/bundle$/.exec(path);
    if (numbered) return zip(Number(numbered[1]));
    return Response.json({ error: "No such share." }, { status: 404 });
  };
  return new ShareApi({ baseUrl: "", fetch: handler as typeof fetch });
}

describe("a hosted link's shared view", () => {
  it("shows the model of the version its label names, even when a version is published between", async () => {
    studio = createTestStudio({ share: publishBetweenRequests() });
    await state().openSharedLink({ kind: "hosted", id: "s1" });
    const view = state().sharedView;
    expect(view.state).toBe("ready");
    if (view.state !== "ready") return;
    expect(view.version).toBe(1);
    expect(view.model.history).toHaveLength(2);
    expect(view.model.report).toEqual(versions[0]!.model.report);
  });

  it("drops the answer of an opening that a newer one replaced", async () => {
    studio = createTestStudio({ share: publishBetweenRequests() });
    const first = state().openSharedLink({ kind: "hosted", id: "s1" });
    // A link to nothing, opened while the first is still being read: its answer is the one shown.
    await state().openSharedLink({ kind: "hosted", id: "" });
    await first;
    expect(state().sharedView).toEqual({ state: "not-found" });
    expect(state().trainedModel).toBeNull();
  });

  it("refuses a bundle the server sends for another version than the one asked for", async () => {
    const wrong = new ShareApi({
      baseUrl: "",
      fetch: (async (input: RequestInfo | URL) =>
        String(input).endsWith("/bundle")
          ? new Response(versions[0]!.bundle as BodyInit, { headers: { "x-share-version": "1" } })
          : Response.json({
              id: "s1",
              version: 2,
              name: "iris species",
              createdAt: "x",
            })) as typeof fetch,
    });
    studio = createTestStudio({ share: wrong });
    await state().openSharedLink({ kind: "hosted", id: "s1" });
    expect(state().sharedView).toEqual({
      state: "failed",
      problem: "The server sent version 1 of the shared model instead of version 2.",
    });
  });
});
