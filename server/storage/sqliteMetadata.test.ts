import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { removeDir, tempDir } from "../../tests/support/testServer";
import { migrate, SqliteMetadataStore } from "./sqliteMetadata";

const dir = tempDir("sqlite");
afterAll(() => removeDir(dir));

const entry = (version: number) => ({
  version,
  name: "iris species",
  task: "classification",
  servedEntry: "onnx/pipeline.onnx",
  bytes: 100 * version,
  createdAt: `2026-11-29T20:0${version}:00.000Z`,
});

describe("SqliteMetadataStore", () => {
  it("migrates once, keeps data across reopening and refuses a newer schema", async () => {
    const file = join(dir, "meta.sqlite");
    const store = new SqliteMetadataStore(file);
    await store.createShare("abc", "hash", entry(1));
    await store.addVersion("abc", entry(2));
    await expect(store.addVersion("abc", entry(2))).rejects.toThrow(/UNIQUE/);
    await store.close();

    const reopened = new SqliteMetadataStore(file);
    const share = await reopened.getShare("abc");
    expect(share?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(share?.updatedAt).toBe(entry(2).createdAt);
    expect(await reopened.tokenHash("abc")).toBe("hash");
    await reopened.markDeleted("abc", "2026-11-29T21:00:00.000Z");
    expect(await reopened.getShare("abc")).toMatchObject({
      deletedAt: "2026-11-29T21:00:00.000Z",
      versions: [],
    });
    await reopened.close();

    const db = new Database(file);
    expect(migrate(db)).toBe(2);
    db.prepare("UPDATE schema_version SET version = 99").run();
    expect(() => migrate(db)).toThrow(/schema is version 99, newer than this server/);
    db.close();
  });

  it("counts stored bytes for the quotas: everyone's, and one uploader's, without deleted shares", async () => {
    const store = new SqliteMetadataStore(join(dir, "usage.sqlite"));
    await store.createShare("a", "h", { ...entry(1), uploader: "alice" });
    await store.addVersion("a", { ...entry(2), uploader: "alice" });
    await store.createShare("b", "h", { ...entry(3), uploader: "bob" });
    expect(await store.usage("alice")).toEqual({ total: 600, byUploader: 300 });
    expect(await store.usage("carol")).toEqual({ total: 600, byUploader: 0 });
    await store.markDeleted("a", "2026-11-29T21:00:00.000Z");
    expect(await store.usage("alice")).toEqual({ total: 300, byUploader: 0 });
    await store.close();
  });

  it("moves a version-1 database (no uploader column) forward, keeping its shares", async () => {
    const file = join(dir, "old.sqlite");
    const old = new Database(file);
    old.exec(`CREATE TABLE schema_version (version INTEGER NOT NULL);
      INSERT INTO schema_version VALUES (1);
      CREATE TABLE shares (id TEXT PRIMARY KEY, token_hash TEXT NOT NULL, created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL, deleted_at TEXT);
      CREATE TABLE versions (share_id TEXT NOT NULL REFERENCES shares(id), version INTEGER NOT NULL,
        name TEXT NOT NULL, task TEXT NOT NULL, served_entry TEXT NOT NULL, bytes INTEGER NOT NULL,
        created_at TEXT NOT NULL, PRIMARY KEY (share_id, version));
      INSERT INTO shares VALUES ('old', 'h', 't', 't', NULL);
      INSERT INTO versions VALUES ('old', 1, 'iris', 'classification', 'onnx/pipeline.onnx', 700, 't');`);
    old.close();
    const store = new SqliteMetadataStore(file);
    expect((await store.getShare("old"))?.versions.map((v) => v.bytes)).toEqual([700]);
    expect(await store.usage("")).toEqual({ total: 700, byUploader: 700 });
    await store.close();
  });
});
