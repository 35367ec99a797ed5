import "fake-indexeddb/auto";

import * as tf from "@tensorflow/tfjs";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { readBundle } from "../core/export/readBundle";
import { ShareApi } from "../core/share/hostedApi";
import { startAutosave } from "./autosave";
import { createTestStudio } from "../../tests/support/studioServices";
import { loadTable, trainOnCpu } from "../../tests/support/studioSteps";

/**
 * The share API's create/update/delete as the server answers them (server/routes: version counter,
 * Bearer owner token, 410 once deleted), kept in memory so the store test needs no server process.
 */
function inMemoryShareServer() {
  const shares = new Map<string, { token: string; version: number; bundle: Uint8Array | null }>();
  let next = 0;
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
  const handler = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    const method = init?.method ?? "GET";
    const body = init?.body ? new Uint8Array(init.body as Uint8Array) : null;
    if (path === "/api/shares" && method === "POST") {
      const id = `share${++next}`;
      const token = `owner-token-${next}-${"x".repeat(20)}`;
      shares.set(id, { token, version: 1, bundle: body });
      return json(201, { id, version: 1, url: `/s/${id}`, ownerToken: token });
    }
    const id = decodeURIComponent(path.replace("/api/shares/", ""));
    const share = shares.get(id);
    if (!share) return json(404, { error: "No such share." });
    if (!share.bundle) return json(410, { error: "This shared model was deleted by its owner." });
    const auth = new Headers(init?.headers).get("authorization");
    if (auth !== `Bearer ${share.token}`) return json(403, { error: "Wrong owner token." });
    if (method === "PUT") {
      share.version += 1;
      share.bundle = body;
      return json(200, { id, version: share.version, url: `/s/${id}` });
    }
    if (method === "DELETE") {
      share.bundle = null;
      return new Response(null, { status: 204 });
    }
    return json(405, { error: "Not allowed." });
  };
  return { shares, api: new ShareApi({ baseUrl: "", fetch: handler as typeof fetch }) };
}

let server = inMemoryShareServer();
let studio = createTestStudio({ share: server.api });
let stop: () => void = () => undefined;

beforeAll(async () => {
  await tf.setBackend("cpu");
});
beforeEach(() => {
  server = inMemoryShareServer();
  studio = createTestStudio({ share: server.api });
  stop = startAutosave(studio);
});
afterEach(() => stop());

const state = () => studio.getState();
const stored = () => studio.services.projects.loadProject(state().projectId);

async function trainIris(epochs: number) {
  await loadTable(studio, "public/samples/iris.csv");
  await trainOnCpu(studio, epochs);
  await vi.waitFor(async () => expect((await stored())?.runs).toHaveLength(1));
}

describe("a hosted link kept with its project", () => {
  it("is saved, comes back on reopening with its owner token, and can be updated and taken down", async () => {
    await trainIris(2);
    state().setShareMode("hosted");
    await state().createShare();
    expect(state().shareStatus).toEqual({ state: "idle" });
    const created = state().hostedShare!;
    expect(created.version).toBe(1);
    const token = server.shares.get(created.id)!.token;
    expect(created.ownerToken).toBe(token);

    // Autosave writes it into the project record (IndexedDB), token included.
    await vi.waitFor(async () =>
      expect((await stored())?.hostedShare).toEqual({
        id: created.id,
        url: created.url,
        version: 1,
        ownerToken: token,
        modelCreatedAt: state().trainedModel!.createdAt,
      }),
    );

    // A reload: a fresh store and a browser whose token store is empty.
    const projectId = state().projectId;
    stop();
    studio = createTestStudio({ share: server.api, projects: studio.services.projects });
    stop = startAutosave(studio);
    expect(state().hostedShare).toBeNull();
    await state().openProject(projectId);
    const reopened = state().hostedShare!;
    expect(reopened).toMatchObject({ id: created.id, version: 1, ownerToken: token });
    // The model it shows is the open one, so the panel says the link is current.
    expect(reopened.model).toBe(state().trainedModel);
    expect(studio.services.ownerTokens.get(created.id)).toBe(token);
    expect(state().shareMode).toBe("hosted");

    await state().updateShare();
    expect(state().shareStatus).toEqual({ state: "idle" });
    expect(state().hostedShare?.version).toBe(2);
    expect(server.shares.get(created.id)?.version).toBe(2);
    expect(readBundle(server.shares.get(created.id)!.bundle!).createdAt).toBe(
      state().trainedModel!.createdAt,
    );
    await vi.waitFor(async () => expect((await stored())?.hostedShare?.version).toBe(2));

    await state().deleteShare();
    expect(state().shareStatus).toEqual({ state: "deleted", id: created.id });
    expect(studio.services.ownerTokens.get(created.id)).toBeNull();
    await vi.waitFor(async () => expect((await stored())?.hostedShare).toBeUndefined());
  }, 120_000);

  it("a new project and a copy do not carry the link", async () => {
    await trainIris(1);
    state().setShareMode("hosted");
    await state().createShare();
    await vi.waitFor(async () => expect((await stored())?.hostedShare).toBeDefined());
    const id = state().projectId;
    await state().duplicateProject(id);
    const copy = (await studio.services.projects.listProjects()).find((entry) => entry.id !== id)!;
    expect((await studio.services.projects.loadProject(copy.id))?.hostedShare).toBeUndefined();
    state().newProject();
    expect(state().hostedShare).toBeNull();
  }, 120_000);
});
