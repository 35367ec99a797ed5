import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, zipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readBundle } from "../src/core/export/readBundle";
import { DELETED_MESSAGE } from "./context";
import {
  bearer,
  irisBundle,
  removeDir,
  startServer,
  tempDir,
  upload,
  type RunningServer,
} from "../tests/support/testServer";

let server: RunningServer;
let first: Uint8Array;
let second: Uint8Array;
const dirs: string[] = [];

beforeAll(async () => {
  first = (await irisBundle(2)).bundle;
  second = (await irisBundle(4)).bundle;
  expect(second).not.toEqual(first);
  server = await startServer();
  dirs.push(server.dataDir);
});

afterAll(async () => {
  await server?.close();
  dirs.forEach(removeDir);
});

const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());
const meta = (id: string) => fetch(`${server.url}/api/shares/${id}`);

async function publish(bundle = first) {
  const response = await upload(server.url, bundle);
  expect(response.status).toBe(201);
  return (await response.json()) as {
    id: string;
    version: number;
    url: string;
    ownerToken: string;
  };
}

/** What readBundle (the studio's import) says about `bytes`. */
function importMessage(bytes: Uint8Array): string {
  try {
    readBundle(bytes);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("readBundle accepted the bundle");
}

describe("share API", () => {
  it("publishes a bundle and serves its metadata and bytes", async () => {
    const share = await publish();
    expect(share.version).toBe(1);
    expect(share.url).toBe(`${server.url}/s/${share.id}`);
    expect(share.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(share.ownerToken, "base64url").length).toBe(32);

    const response = await meta(share.id);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({
      id: share.id,
      version: 1,
      name: "iris species",
      task: "classification",
    });
    expect(body.versions).toEqual([expect.objectContaining({ version: 1, bytes: first.length })]);
    expect(Date.parse(body.createdAt)).not.toBeNaN();

    const latest = await fetch(`${server.url}/api/shares/${share.id}/bundle`);
    expect(latest.headers.get("content-type")).toBe("application/zip");
    expect(await bytesOf(latest)).toEqual(first);
    expect(
      await bytesOf(await fetch(`${server.url}/api/shares/${share.id}/versions/1/bundle`)),
    ).toEqual(first);
    const missing = await fetch(`${server.url}/api/shares/${share.id}/versions/2/bundle`);
    expect(missing.status).toBe(404);
  });

  it("stores only a hash of the owner token", async () => {
    const share = await publish();
    const { readFileSync } = await import("node:fs");
    const database = readFileSync(join(server.dataDir, "shares.sqlite"));
    const wal = join(server.dataDir, "shares.sqlite-wal");
    const text =
      database.toString("latin1") + (existsSync(wal) ? readFileSync(wal).toString("latin1") : "");
    expect(text).toContain(share.id);
    expect(text).not.toContain(share.ownerToken);
  });

  it("publishes a new version only with the owner token", async () => {
    const share = await publish();
    const put = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/shares/${share.id}`, {
        method: "PUT",
        headers: { "content-type": "application/zip", ...headers },
        body: Buffer.from(second),
      });
    const anonymous = await put({});
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toMatch(/owner token/);
    const wrong = await put(bearer("not-the-token"));
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({
      error: "The owner token does not match this shared model.",
    });
    expect((await (await meta(share.id)).json()).version).toBe(1);

    const updated = await put(bearer(share.ownerToken));
    expect(updated.status).toBe(200);
    expect(await updated.json()).toEqual({ id: share.id, version: 2, url: share.url });
    const metadata = await meta(share.id);
    const body = await metadata.json();
    expect(body.version).toBe(2);
    expect(body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    // The metadata and the latest bundle change under the same URL with each version: no cache
    // may keep them (a visitor would see an older model than the label says).
    expect(metadata.headers.get("cache-control")).toBe("no-store");
    const latest = await fetch(`${server.url}/api/shares/${share.id}/bundle`);
    expect(latest.headers.get("cache-control")).toBe("no-store");
    expect(latest.headers.get("x-share-version")).toBe("2");
    expect(await bytesOf(latest)).toEqual(second);
    // A numbered version's bytes never change; each use still asks (the share can be taken down).
    const numbered = await fetch(`${server.url}/api/shares/${share.id}/versions/1/bundle`);
    expect(numbered.headers.get("cache-control")).toBe("no-cache");
    expect(numbered.headers.get("x-share-version")).toBe("1");
    expect(await bytesOf(numbered)).toEqual(first);

    const cut = second.slice(0, 100);
    const broken = await fetch(`${server.url}/api/shares/${share.id}`, {
      method: "PUT",
      headers: { "content-type": "application/zip", ...bearer(share.ownerToken) },
      body: Buffer.from(cut),
    });
    expect(broken.status).toBe(400);
    expect(await broken.json()).toEqual({ error: importMessage(cut) });
    expect((await (await meta(share.id)).json()).version).toBe(2);
  });

  it("deletes only with the owner token, then answers 410 everywhere", async () => {
    const share = await publish();
    const del = (headers: Record<string, string>) =>
      fetch(`${server.url}/api/shares/${share.id}`, { method: "DELETE", headers });
    expect((await del({})).status).toBe(401);
    expect((await del(bearer(`${share.ownerToken}x`))).status).toBe(403);
    expect((await meta(share.id)).status).toBe(200);

    const infer = { inputs: [{ name: "x", shape: [1, 1], datatype: "FP32", data: [1] }] };
    expect((await fetch(`${server.url}/v2/models/${share.id}`)).status).toBe(200);

    const deleted = await del(bearer(share.ownerToken));
    expect(deleted.status).toBe(204);
    const gone = [
      await meta(share.id),
      await fetch(`${server.url}/api/shares/${share.id}/bundle`),
      await fetch(`${server.url}/api/shares/${share.id}/versions/1/bundle`),
      await fetch(`${server.url}/v2/models/${share.id}`),
      await fetch(`${server.url}/v2/models/${share.id}/ready`),
      await fetch(`${server.url}/v2/models/${share.id}/infer`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(infer),
      }),
      await del(bearer(share.ownerToken)),
    ];
    for (const response of gone) {
      expect(response.status).toBe(410);
      expect(await response.json()).toEqual({ error: DELETED_MESSAGE });
    }
    expect(existsSync(join(server.dataDir, "bundles", share.id))).toBe(false);
  });

  it("answers 404 for an unknown share and 400 for an impossible id", async () => {
    const unknown = await meta("AAAAAAAAAAAAAAAAAAAAAA");
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error).toMatch(/no shared model/);
    const bad = await meta("..%2F..%2Fetc");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/params\/id/);
  });

  it("refuses what import refuses, with import's message", async () => {
    const notZip = new TextEncoder().encode("just some text, not a zip");
    const noModel = zipSync({ "readme.txt": new TextEncoder().encode("hello") });
    const cut = first.slice(0, Math.floor(first.length / 2));
    for (const bytes of [notZip, noModel, cut]) {
      const response = await upload(server.url, bytes);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: importMessage(bytes) });
    }
    const files = unzipSync(first);
    files["onnx/pipeline.onnx"] = new TextEncoder().encode("not an onnx model");
    const badOnnx = await upload(server.url, zipSync(files));
    expect(badOnnx.status).toBe(400);
    expect((await badOnnx.json()).error).toMatch(
      /^The bundle's onnx\/pipeline.onnx is not the ONNX the studio writes for this model; the server runs only ONNX it writes itself\. Export the bundle again/,
    );
    const empty = await upload(server.url, new Uint8Array());
    expect(empty.status).toBe(400);
    expect((await empty.json()).error).toMatch(/Send the bundle/);
  });

  it("refuses a body that is not a zip upload", async () => {
    const response = await upload(server.url, first, { headers: { "content-type": "text/plain" } });
    expect(response.status).toBe(415);
    expect((await response.json()).error).toMatch(/content-type/i);
  });

  it("refuses an oversized upload with 413, declared or streamed, and changes nothing", async () => {
    const small = await startServer({ maxBundleBytes: 8 * 1024 });
    dirs.push(small.dataDir);
    try {
      expect(first.length).toBeGreaterThan(8 * 1024);
      const declared = await upload(small.url, first);
      expect(declared.status).toBe(413);
      expect((await declared.json()).error).toMatch(
        /larger than 8 KB, the most POST \/api\/shares takes/,
      );
      const chunks = Array.from({ length: 40 }, () => new Uint8Array(8 * 1024));
      const streamed = await fetch(`${small.url}/api/shares`, {
        method: "POST",
        headers: { "content-type": "application/zip" },
        body: new ReadableStream({
          pull(controller) {
            const chunk = chunks.pop();
            if (chunk) controller.enqueue(chunk);
            else controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit).catch((error: Error & { cause?: { code?: string } }) => error);
      // Refused mid-stream: the client reads the 413, or — when the server's answer and its
      // closing the connection overtake the client's next write — sees the connection closed.
      if (streamed instanceof Response) expect(streamed.status).toBe(413);
      else expect(streamed.cause?.code).toMatch(/^(EPIPE|ECONNRESET|UND_ERR_SOCKET)$/);
      expect(existsSync(join(small.dataDir, "bundles"))).toBe(false);
    } finally {
      await small.close();
    }
  });

  it("keeps shares across a restart on the same DATA_DIR", async () => {
    const dataDir = tempDir("restart");
    dirs.push(dataDir);
    const before = await startServer({ dataDir });
    const response = await upload(before.url, first);
    const share = (await response.json()) as { id: string; ownerToken: string };
    await before.close();

    const after = await startServer({ dataDir });
    try {
      const body = await (await fetch(`${after.url}/api/shares/${share.id}`)).json();
      expect(body).toMatchObject({ id: share.id, version: 1, name: "iris species" });
      const bundle = await bytesOf(await fetch(`${after.url}/api/shares/${share.id}/bundle`));
      expect(bundle).toEqual(first);
      // A cold session cache: the model is loaded from the stored bundle.
      const model = await (await fetch(`${after.url}/v2/models/${share.id}`)).json();
      expect(model.inputs.map((i: { name: string }) => i.name)).toEqual([
        "sepal_length",
        "sepal_width",
        "petal_length",
        "petal_width",
      ]);
      const deleted = await fetch(`${after.url}/api/shares/${share.id}`, {
        method: "DELETE",
        headers: bearer(share.ownerToken),
      });
      expect(deleted.status).toBe(204);
    } finally {
      await after.close();
    }
  });
});

describe("the studio's pages", () => {
  it("serves the built studio and the shared view with cross-origin isolation headers", async () => {
    const staticDir = tempDir("dist");
    dirs.push(staticDir);
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Model Studio</title>");
    writeFileSync(join(staticDir, "app.js"), "console.log('studio')");
    const site = await startServer({ staticDir });
    dirs.push(site.dataDir);
    try {
      const pages = [
        await fetch(`${site.url}/`),
        await fetch(`${site.url}/s/some-share-id`),
        await fetch(`${site.url}/app.js`),
        await fetch(`${site.url}/api/shares/AAAA`),
        await fetch(`${site.url}/v2/health/live`),
        await fetch(`${site.url}/nothing-here.js`),
      ];
      for (const page of pages) {
        expect(page.headers.get("cross-origin-opener-policy")).toBe("same-origin");
        expect(page.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
        expect(page.headers.get("cross-origin-resource-policy")).toBe("same-origin");
      }
      const [home, shared, script, api, live, missing] = pages as [
        Response,
        Response,
        Response,
        Response,
        Response,
        Response,
      ];
      expect(await home.text()).toContain("<title>Model Studio</title>");
      expect(await shared.text()).toContain("<title>Model Studio</title>");
      expect(shared.headers.get("content-type")).toMatch(/text\/html/);
      expect(await script.text()).toContain("studio");
      expect(api.status).toBe(404);
      expect(await live.json()).toEqual({ live: true });
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: "Nothing at GET /nothing-here.js." });
    } finally {
      await site.close();
    }
  });
});
