/**
 * The limits a stranger meets, each on a real server (its own process) configured as a person
 * would, through the environment: deadlines, a full pool, per-model and upload concurrency, rate
 * limits, storage quotas, stalled connections, body caps naming each route's real limit, a failed
 * write that leaves nothing behind, security headers, and links never named by a forged Host.
 */
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  infer,
  irisBundle,
  irisRequest,
  removeDir,
  shareId,
  startServer,
  tempDir,
  upload,
  type RunningServer,
} from "../tests/support/testServer";

let iris: Uint8Array;
const running: RunningServer[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  iris = (await irisBundle(2)).bundle;
});

afterAll(async () => {
  await Promise.all(running.map((s) => s.close()));
  for (const dir of [...dirs, ...running.map((s) => s.dataDir)]) removeDir(dir);
});

async function serve(env: Record<string, string>, staticDir?: string) {
  const server = await startServer({ env, staticDir });
  running.push(server);
  return server;
}

const share = (server: RunningServer) => shareId(server.url, iris);

/** Every inference through the worker pool (small ones are otherwise answered inline). */
const POOL_ONLY = { INLINE_INFER_MAX_WORK: "1" };

/**
 * POST over plain HTTP with a declared length whose body follows only if the server has not
 * answered within half a second: a cap refused on the declared length is read without the race of a
 * body being written into a connection the server closes (the client then sees EPIPE, not the 413).
 */
function postRaw(
  server: RunningServer,
  path: string,
  body: string,
): Promise<{ status: number; error: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        answered = true;
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, error: JSON.parse(text).error });
        });
      },
    );
    req.on("error", (error: NodeJS.ErrnoException) => {
      if (!answered && error.code !== "EPIPE" && error.code !== "ECONNRESET") reject(error);
    });
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(body);
    }, 500);
  });
}

/** POST with a Host header of our choosing (fetch would send the real one). */
function uploadWithHost(
  server: RunningServer,
  host: string,
): Promise<{ status: number; body: string }> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: "127.0.0.1",
        port,
        path: "/api/shares",
        method: "POST",
        headers: { host, "content-type": "application/zip" },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(Buffer.from(iris));
  });
}

describe("deadlines and a busy pool", () => {
  let server: RunningServer;
  let id: string;
  const staticDir = tempDir("site");

  beforeAll(async () => {
    dirs.push(staticDir);
    writeFileSync(join(staticDir, "index.html"), "<!doctype html><title>Model Studio</title>");
    server = await serve(
      {
        WORKER_THREADS: "1",
        MAX_QUEUED_TASKS: "1",
        INFER_TIMEOUT_MS: "300",
        MAX_INFER_BODY_MB: "64",
        REQUEST_TIMEOUT_MS: "1500",
        MAX_CONCURRENT_UPLOADS: "1",
        ...POOL_ONLY,
      },
      staticDir,
    );
    id = await share(server);
  });

  it("ends an inference at its deadline with 504, and the server answers meanwhile", async () => {
    const big = irisRequest(400_000);
    let slowDone = false;
    const slow = infer(server, id, big).then((r) => ((slowDone = true), r));
    await new Promise((r) => setTimeout(r, 50));
    const health = await fetch(`${server.url}/v2/health/live`);
    expect(health.status).toBe(200);
    expect(slowDone).toBe(false);
    const refused = await answer(await slow);
    expect(refused).toEqual({
      status: 504,
      error:
        "The model took longer than the server's 300 ms limit for one request; send fewer rows at a time.",
    });
    // The worker finishes the request nobody waits for any more, then a small one is answered.
    let status = 0;
    for (let attempt = 0; attempt < 40 && status !== 200; attempt++) {
      status = (await infer(server, id, irisRequest(2))).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe(200);
  });

  it("survives deadline-long inferences again and again (ending a worker inside ONNX Runtime once aborted the process)", async () => {
    const big = irisRequest(400_000);
    const statuses: number[] = [];
    for (let round = 0; round < 6; round++) {
      const answers = await Promise.all([infer(server, id, big), infer(server, id, big)]);
      statuses.push(...answers.map((r) => r.status));
    }
    expect(statuses.every((s) => s === 504 || s === 503)).toBe(true);
    expect(server.process.exitCode).toBeNull();
    expect(server.process.signalCode).toBeNull();
    expect((await fetch(`${server.url}/v2/health/live`)).status).toBe(200);
  });

  it("closes a connection that stalls mid-body (REQUEST_TIMEOUT_MS)", async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    const closed = new Promise<number>((resolve) => {
      const start = performance.now();
      socket.on("close", () => resolve(performance.now() - start));
      socket.on("error", () => undefined);
    });
    socket.write(
      "POST /api/shares HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/zip\r\nContent-Length: 100000\r\n\r\nPK",
    );
    expect(await closed).toBeLessThan(6_000);
  });

  it("refuses a second upload while one is being received (MAX_CONCURRENT_UPLOADS)", async () => {
    const { port } = new URL(server.url);
    const socket = connect(Number(port), "127.0.0.1");
    socket.on("error", () => undefined);
    socket.write(
      `POST /api/shares HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/zip\r\nContent-Length: ${iris.length}\r\n\r\n`,
    );
    socket.write(Buffer.from(iris.subarray(0, 100)));
    await new Promise((r) => setTimeout(r, 200));
    const second = await upload(server.url, iris);
    expect(second.status).toBe(503);
    expect(second.headers.get("retry-after")).toBe("1");
    socket.destroy();
    await new Promise((r) => setTimeout(r, 200));
    expect((await upload(server.url, iris)).status).toBe(201);
  });

  it("sends security headers the studio passes, and the shared view is never kept by a cache", async () => {
    const paths = ["/", "/s/some-share-id", "/v2/health/live", `/api/shares/${id}`, "/nowhere"];
    for (const path of paths) {
      const response = await fetch(`${server.url}${path}`);
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
      expect(csp).toContain("object-src 'none'");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      expect(response.headers.get("x-frame-options")).toBe("DENY");
      expect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      expect(response.headers.get("cross-origin-embedder-policy")).toBe("require-corp");
      expect(response.headers.get("strict-transport-security")).toMatch(/^max-age=\d{7,}/);
      // Each header once: set in one place, not by two layers that could disagree.
      expect(csp.split(",")).toHaveLength(1);
    }
    const view = await fetch(`${server.url}/s/some-share-id`);
    expect(view.headers.get("cache-control")).toBe("no-store");
  });

  it("never writes a forged Host header into a link", async () => {
    const forged = await uploadWithHost(server, "evil.example");
    expect(forged.status).toBe(201);
    expect(JSON.parse(forged.body).url).toMatch(
      new RegExp(`^${server.url.replace(/\./g, "\\.")}/s/`),
    );
    const local = await uploadWithHost(server, `localhost:${new URL(server.url).port}`);
    expect(JSON.parse(local.body).url).toMatch(/^http:\/\/localhost:\d+\/s\//);
  });
});

describe("rate limits, per-model concurrency, body caps and quotas", () => {
  it("answers 503 with Retry-After when the inference pool's queue is full", async () => {
    const server = await serve({
      WORKER_THREADS: "1",
      MAX_QUEUED_TASKS: "1",
      INFER_TIMEOUT_MS: "30000",
    });
    const id = await share(server);
    const slow = irisRequest(100_000);
    const responses = await Promise.all(Array.from({ length: 6 }, () => infer(server, id, slow)));
    const statuses = responses.map((r) => r.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(503);
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    const busy = responses.find((r) => r.status === 503)!;
    expect(busy.headers.get("retry-after")).toBe("1");
    expect((await answer(busy)).error).toMatch(/busy; try again in a moment/);
  });

  it("checks uploads in a pool of their own: a queue of slow uploads does not hold up inference", async () => {
    const server = await serve({ UPLOAD_WORKERS: "1", MAX_CONCURRENT_UPLOADS: "4", ...POOL_ONLY });
    const id = await share(server);
    // Small to send, about a second to refuse: a 15 MB trained-model.json parsed in the worker.
    const slowToCheck = zipSync({
      ...unzipSync(iris),
      "trained-model.json": [strToU8(`{"weights":[${"0,".repeat(7_500_000)}0]}`), { level: 1 }],
    } as Zippable);
    let checked = 0;
    const uploads = Array.from({ length: 4 }, () =>
      upload(server.url, slowToCheck).then((r) => {
        checked++;
        return r.status;
      }),
    );
    await new Promise((r) => setTimeout(r, 100));
    const answered = await infer(server, id, irisRequest(2));
    expect(answered.status).toBe(200);
    expect(checked).toBeLessThan(4);
    // Refused as checked, or at the upload deadline when queued behind the others on a busy machine.
    for (const status of await Promise.all(uploads)) expect([400, 504]).toContain(status);
  });

  it("limits uploads per address and minute, then the address's storage", async () => {
    const server = await serve({
      UPLOAD_RATE_PER_MIN: "3",
      MAX_DATA_PER_IP_MB: String((iris.length * 2.5) / 2 ** 20),
    });
    expect((await upload(server.url, iris)).status).toBe(201);
    expect((await upload(server.url, iris)).status).toBe(201);
    const overQuota = await upload(server.url, iris);
    expect(await answer(overQuota)).toEqual({
      status: 429,
      error: expect.stringMatching(
        /^Shared models uploaded from your address already take [\d.]+ KB of the [\d.]+ KB each address may use; delete links/,
      ),
    });
    const overRate = await upload(server.url, iris);
    expect(overRate.status).toBe(429);
    expect(overRate.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await answer(overRate)).error).toMatch(
      /^Too many requests from your address: at most 3 a minute here/,
    );
  });

  it("answers 507 when the server's storage is full, storing nothing", async () => {
    const server = await serve({ MAX_DATA_GB: String((iris.length * 0.5) / 2 ** 30) });
    const refused = await upload(server.url, iris);
    expect(refused.status).toBe(507);
    expect((await answer(refused)).error).toMatch(
      /storage for shared models is full .*nothing was stored/,
    );
    expect(readdirSync(server.dataDir)).not.toContain("bundles");
  });

  it("limits one model's requests in flight, and names each route's real body and element caps", async () => {
    const server = await serve({
      MAX_INFER_PER_MODEL: "1",
      MAX_INFER_ELEMENTS: "400000",
      MAX_INFER_BODY_MB: "2",
      INFER_TIMEOUT_MS: "10000",
    });
    const id = await share(server);
    const many = await Promise.all(
      Array.from({ length: 4 }, () => infer(server, id, irisRequest(90_000))),
    );
    const statuses = many.map((r) => r.status).sort();
    expect(statuses).toContain(503);
    expect(statuses).toContain(200);
    const busy = many.find((r) => r.status === 503)!;
    expect((await answer(busy)).error).toMatch(
      /as many requests for this model as it takes at once \(1\)/,
    );

    const tooMany = await answer(await infer(server, id, irisRequest(100_001)));
    expect(tooMany).toEqual({
      status: 413,
      error:
        "The request holds 400,004 values; the server takes at most 400,000 in one request. Send fewer rows at a time.",
    });
    const tooLarge = await postRaw(server, `/v2/models/${id}/infer`, irisRequest(200_000));
    expect(tooLarge).toEqual({
      status: 413,
      error: "The request body is larger than 2 MB, the most POST /v2/models/:id/infer takes.",
    });
  });
});

describe("a failed write", () => {
  it("answers 500 with the reason and leaves neither a row nor a file", async () => {
    const dataDir = tempDir("broken");
    dirs.push(dataDir);
    writeFileSync(join(dataDir, "bundles"), "a file where the bundles folder should be");
    const server = await startServer({ dataDir });
    running.push(server);
    const refused = await answer(await upload(server.url, iris));
    expect(refused.status).toBe(500);
    expect(refused.error).toMatch(
      /^The server could not store the bundle \((ENOTDIR|EEXIST)\); nothing was stored/,
    );
    await server.close();
    const db = new Database(join(dataDir, "shares.sqlite"), { readonly: true });
    expect(db.prepare("SELECT COUNT(*) AS n FROM shares").get()).toEqual({ n: 0 });
    expect(db.prepare("SELECT COUNT(*) AS n FROM versions").get()).toEqual({ n: 0 });
    db.close();
  });

  it("sweeps a half-written bundle that a crash left, at start", async () => {
    const dataDir = tempDir("partial");
    dirs.push(dataDir);
    mkdirSync(join(dataDir, "bundles", "abc"), { recursive: true });
    writeFileSync(join(dataDir, "bundles", "abc", "1.zip.partial"), "half");
    const server = await startServer({ dataDir });
    running.push(server);
    expect(readdirSync(join(dataDir, "bundles", "abc"))).toEqual([]);
  });
});
