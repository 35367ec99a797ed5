/**
 * Small v2 requests to small dense models are answered on the main thread (server/inference/
 * inline.ts); everything else goes to the worker pool. On a real server in its own process.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  answer,
  infer,
  irisBundle,
  irisRequest,
  removeDir,
  shareId,
  startServer,
  type RunningServer,
} from "../tests/support/testServer";

let iris: Uint8Array;
let server: RunningServer | null = null;

beforeAll(async () => {
  iris = (await irisBundle(2)).bundle;
});

afterAll(async () => {
  if (!server) return;
  await server.close();
  removeDir(server.dataDir);
});

async function serve(env: Record<string, string>) {
  server = await startServer({ env });
  return server;
}

const share = (running: RunningServer) => shareId(running.url, iris);

describe("small requests on the main thread", () => {
  it("answers small requests to a dense model inline; larger ones go to the pool and its deadline", async () => {
    // A deadline no pool hop meets: whatever reaches the pool is answered 504, so the status
    // tells which path a request took.
    const server = await serve({
      INFER_TIMEOUT_MS: "1",
      INLINE_INFER_MAX_KB: "4",
      INLINE_INFER_MAX_WORK: "1000",
    });
    const id = await share(server);
    const small = await infer(server, id, irisRequest(3));
    expect(small.status).toBe(200);
    const outputs = ((await small.json()) as { outputs: Array<{ shape: number[] }> }).outputs;
    expect(outputs[0]?.shape[0]).toBe(3);
    // A bad small request is refused inline with the same words the worker uses.
    const bad = await answer(await infer(server, id, '{"inputs": []}'));
    expect(bad.status).toBe(400);
    expect(bad.error).toMatch(/not a v2 inference request: “inputs”/);
    // Over the body cap (4 KB): the pool.
    expect((await infer(server, id, irisRequest(400))).status).toBe(504);
    // Under the body cap but over the work cap (rows × the model's weights): the pool.
    const rows = 150;
    expect(irisRequest(rows).length).toBeLessThan(4096);
    expect((await infer(server, id, irisRequest(rows))).status).toBe(504);
  });
});
