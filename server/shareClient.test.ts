/**
 * The studio's share client (src/core/share/hostedApi.ts) against the real server: the calls the
 * Share section and the shared view make, and the error kinds they branch on.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundle } from "../src/core/export/readBundle";
import type { TrainedModel } from "../src/core/project/trainedModel";
import { ShareApi, ShareApiError } from "../src/core/share/hostedApi";
import {
  irisBundle,
  removeDir,
  startServer,
  type RunningServer,
} from "../tests/support/testServer";

let server: RunningServer;
let model: TrainedModel;
let bundle: Uint8Array;
let api: ShareApi;

beforeAll(async () => {
  ({ model, bundle } = await irisBundle(2));
  server = await startServer();
  api = new ShareApi({ baseUrl: server.url });
});

afterAll(async () => {
  await server.close();
  removeDir(server.dataDir);
});

async function failureOf(call: Promise<unknown>): Promise<ShareApiError> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShareApiError);
  return error as ShareApiError;
}

describe("the share client against the real server", () => {
  it("creates, reads, updates and deletes a hosted share", async () => {
    const created = await api.create(bundle);
    expect(created.version).toBe(1);
    expect(created.url).toContain(`/s/${created.id}`);
    expect(created.ownerToken.length).toBeGreaterThanOrEqual(22);

    const metadata = await api.metadata(created.id);
    expect(metadata).toMatchObject({ id: created.id, version: 1, name: model.name });
    expect(readBundle(await api.bundle(created.id))).toEqual(model);

    // A wrong token changes nothing.
    const forbidden = await failureOf(api.update(created.id, "x".repeat(43), bundle));
    expect(forbidden.kind).toBe("forbidden");
    expect((await api.metadata(created.id)).version).toBe(1);

    const updated = await api.update(created.id, created.ownerToken, bundle);
    expect(updated).toMatchObject({ id: created.id, version: 2 });
    expect((await api.metadata(created.id)).version).toBe(2);
    // The bundle of a named version (what the shared view asks for), and of one that is not there.
    expect(readBundle(await api.bundle(created.id, 1))).toEqual(model);
    expect(readBundle(await api.bundle(created.id, 2))).toEqual(model);
    expect((await failureOf(api.bundle(created.id, 3))).kind).toBe("not-found");

    await api.remove(created.id, created.ownerToken);
    const gone = await failureOf(api.metadata(created.id));
    expect(gone.kind).toBe("deleted");
    expect(gone.message).toBe("This shared model was deleted by its owner.");
    expect((await failureOf(api.bundle(created.id))).kind).toBe("deleted");
  });

  it("tells an unknown id, a refused upload and an unreachable server apart", async () => {
    expect((await failureOf(api.metadata("no-such-share"))).kind).toBe("not-found");
    const refused = await failureOf(api.create(new TextEncoder().encode("not a zip")));
    expect(refused.kind).toBe("rejected");
    expect(refused.message).toMatch(/^The server refused the request\. \(.+\)$/);
    // A studio served by a plain static host: uploading finds no share API.
    const noApi = new ShareApi({ baseUrl: `${server.url}/elsewhere` });
    const missing = await failureOf(noApi.create(bundle));
    expect(missing.kind).toBe("not-found");
    expect(missing.message).toMatch(/served without its share server.*inline link/);
    const offline = new ShareApi({ baseUrl: "http://127.0.0.1:9" });
    expect((await failureOf(offline.metadata("abc"))).kind).toBe("network");
  });
});
