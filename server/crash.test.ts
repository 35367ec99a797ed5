/**
 * `kill -9` in the middle of uploads, new versions and deletions, five rounds on one DATA_DIR:
 * every operation the server acknowledged is there after a restart, no row lacks its bundle file,
 * and SQLite's integrity check passes.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearer,
  irisBundle,
  removeDir,
  startServer,
  tempDir,
  upload,
  type RunningServer,
} from "../tests/support/testServer";

let iris: Uint8Array;
const dataDir = tempDir("crash");

beforeAll(async () => {
  iris = (await irisBundle(2)).bundle;
});
afterAll(() => removeDir(dataDir));

interface Owned {
  id: string;
  token: string;
  /** The newest version the server acknowledged. */
  version: number;
  deleted: boolean;
}

/** Resolves with the response, or null when the server died first. */
const attempt = (work: Promise<Response>) => work.catch(() => null);

describe("kill -9", () => {
  it("loses no acknowledged operation over five rounds, and the database stays sound", async () => {
    const owned: Owned[] = [];
    let acknowledged = 0;
    for (let round = 0; round < 5; round++) {
      const server: RunningServer = await startServer({ dataDir });
      const live = owned.filter((s) => !s.deleted);
      const operations: Array<Promise<void>> = [];
      let firstAck: () => void = () => undefined;
      const acked = new Promise<void>((resolve) => (firstAck = resolve));
      for (let i = 0; i < 4; i++) {
        operations.push(
          attempt(upload(server.url, iris)).then(async (response) => {
            if (response?.status !== 201) return;
            const body = (await response.json()) as { id: string; ownerToken: string };
            owned.push({ id: body.id, token: body.ownerToken, version: 1, deleted: false });
            acknowledged++;
            firstAck();
          }),
        );
      }
      live.forEach((share, i) => {
        const request =
          i % 3 === 2
            ? fetch(`${server.url}/api/shares/${share.id}`, {
                method: "DELETE",
                headers: bearer(share.token),
              })
            : fetch(`${server.url}/api/shares/${share.id}`, {
                method: "PUT",
                headers: { "content-type": "application/zip", ...bearer(share.token) },
                body: Buffer.from(iris),
              });
        operations.push(
          attempt(request).then(async (response) => {
            if (!response) return;
            if (response.status === 204) share.deleted = true;
            else if (response.status === 200)
              share.version = ((await response.json()) as { version: number }).version;
            else return;
            acknowledged++;
            firstAck();
          }),
        );
      });
      // Killed while the operations are in flight, just after the first is acknowledged: some are
      // acknowledged, some cut off.
      await Promise.race([acked, new Promise((r) => setTimeout(r, 20_000))]);
      await new Promise((r) => setTimeout(r, 20 * round));
      await server.kill();
      await Promise.all(operations);
    }
    expect(acknowledged).toBeGreaterThan(5);

    const server = await startServer({ dataDir });
    try {
      for (const share of owned) {
        const response = await fetch(`${server.url}/api/shares/${share.id}`);
        if (share.deleted) {
          expect(response.status).toBe(410);
          continue;
        }
        expect(response.status).toBe(200);
        const meta = (await response.json()) as { version: number };
        // A version written after the last acknowledgement may be there too; never fewer.
        expect(meta.version).toBeGreaterThanOrEqual(share.version);
        const bundle = await fetch(
          `${server.url}/api/shares/${share.id}/versions/${share.version}/bundle`,
        );
        expect(bundle.status).toBe(200);
        expect(new Uint8Array(await bundle.arrayBuffer())).toEqual(iris);
      }
    } finally {
      await server.close();
    }

    const db = new Database(join(dataDir, "shares.sqlite"), { readonly: true });
    expect(db.prepare("PRAGMA integrity_check").get()).toEqual({ integrity_check: "ok" });
    const rows = db.prepare("SELECT share_id, version FROM versions").all() as Array<{
      share_id: string;
      version: number;
    }>;
    for (const row of rows) {
      expect(existsSync(join(dataDir, "bundles", row.share_id, `${row.version}.zip`))).toBe(true);
    }
    db.close();
  });
});
